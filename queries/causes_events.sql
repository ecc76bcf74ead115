-- Events in scope with a known cause, up to the end of the as-of month (causes and actions page): only what
-- the ranking and the before/after counts read (the causes' labels are causes_labels.sql, one row per cause,
-- not repeated on a million events).
-- Events have no domain column: $domains only denies an empty selection (deny by default).
-- params: $process_ids, $site_ids, $domains, $as_of_month (date, first day of the as-of month)
-- columns: cause_id, process_id, site_id, occurred_on, severity, cost
SELECT e.cause_id, e.process_id, e.site_id, e.occurred_on, e.severity, e.cost
FROM event e
JOIN cause c ON c.cause_id = e.cause_id  -- a known cause, as causes_labels.sql has it
WHERE list_contains($process_ids, e.process_id)
  AND list_contains($site_ids, e.site_id)
  AND len($domains) > 0
  AND e.cause_id IS NOT NULL
  AND e.occurred_on < $as_of_month + INTERVAL 1 MONTH
ORDER BY e.occurred_on, e.event_id
