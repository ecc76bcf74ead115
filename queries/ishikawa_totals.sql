-- The Ishikawa's weights input, added up here rather than from every event held in the server: events in
-- scope that occurred in [$start_on, $end_on], one row per event type, process and cause (NULL: no cause).
-- Events carry no domain: $domains only denies everything when empty (as on the Pareto page).
-- params: $process_ids, $site_ids, $domains (the scope), $start_on, $end_on (dates, both included)
-- columns: event_type, process_id, cause_id, events (count), cost (sum, a missing cost counts 0)
SELECT
    e.event_type, e.process_id, e.cause_id,
    count(*) AS events,
    sum(coalesce(e.cost, 0.0)) AS cost
FROM event e
JOIN site s USING (site_id)
JOIN process p USING (process_id)
WHERE list_contains($process_ids, e.process_id)
  AND list_contains($site_ids, e.site_id)
  AND len($domains) > 0
  AND e.occurred_on BETWEEN $start_on AND $end_on
GROUP BY e.event_type, e.process_id, e.cause_id
ORDER BY e.event_type, e.process_id, e.cause_id NULLS FIRST
