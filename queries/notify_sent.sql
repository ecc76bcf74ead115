-- What was already sent to $user_id (system record, no data of any scope): the items a run must not send again.
-- params: $user_id
-- columns: kind, item_key, sent_on
SELECT kind, item_key, sent_on
FROM notification
WHERE user_id = $user_id
