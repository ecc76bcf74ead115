-- Issue 15: reminders and digests by e-mail (smqse.notify), and the to-do each user sees on their landing page.
-- app_user.email exists since 0001; language is the language of the user's e-mails ('fr' or 'en').
ALTER TABLE app_user ADD COLUMN language VARCHAR DEFAULT 'fr';
-- A user's opt-out of one kind of e-mail: owed_values, unfavourable_indicators, actions_due, escalations,
-- objective_alerts, monthly_digest (smqse.reminders.NOTIFICATION_KINDS). No row: the user receives that kind.
CREATE TABLE notification_optout (
    user_id VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    opted_out_at TIMESTAMP NOT NULL,
    PRIMARY KEY (user_id, kind)
);
-- What was sent to whom for which item: a run inserts the row in the same step as the message is accepted by
-- the SMTP server, so a re-run sends nothing twice. item_key names the item and its cadence (an action's
-- reminder for one due date, an indicator's owed value for one month, one digest per month).
CREATE TABLE notification (
    user_id VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    item_key VARCHAR NOT NULL,
    sent_on DATE NOT NULL,
    sent_at TIMESTAMP NOT NULL,
    PRIMARY KEY (user_id, kind, item_key)
);
