-- Records the items of one message the SMTP server accepted, in one statement (one transaction with the
-- other kinds of the same message). An item already recorded stays as it was (a re-run sends nothing twice).
-- params: $user_id, $kind, $item_keys (list of item keys), $sent_on (date), $sent_at (timestamp)
-- columns: user_id, kind, item_key (the rows written)
INSERT INTO notification (user_id, kind, item_key, sent_on, sent_at)
SELECT $user_id, $kind, k.item_key, $sent_on, $sent_at
FROM (SELECT DISTINCT unnest($item_keys) AS item_key) k
ON CONFLICT DO NOTHING
RETURNING user_id, kind, item_key
