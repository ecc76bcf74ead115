-- Identity (not scoped data): the kinds of e-mail each user opted out of (smqse.reminders.NOTIFICATION_KINDS).
-- params: none
-- columns: user_id, kind
SELECT user_id, kind
FROM notification_optout
ORDER BY user_id, kind
