-- The next free number of the organisation's event ids `EV-<number>` (the demo's and the form's scheme), read
-- inside the transaction that inserts the new event: two writers reading the same number conflict on the
-- event's primary key and the loser is retried (smqse.db.retry_on_conflict). The numbering is the whole
-- organisation's, so every event id is taken into account, whoever may see it; only a number comes out.
-- params: $process_ids, $site_ids, $domains (the writer's scope: an empty one gets no number)
-- columns: next_number
SELECT coalesce(max(TRY_CAST(substr(e.event_id, 4) AS BIGINT)), 0) + 1 AS next_number
FROM event e
WHERE regexp_full_match(e.event_id, 'EV-[0-9]{1,15}')
HAVING len($process_ids) > 0 AND len($site_ids) > 0 AND len($domains) > 0
