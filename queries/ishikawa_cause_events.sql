-- One cause's events for the Ishikawa page: events in scope that occurred in [$start_on, $end_on], recorded
-- on one of $cause_ids (the cause and its descendants), of the effect: the event type $effect_type and the
-- process $effect_process when given (NULL: any).
-- Events carry no domain: $domains only denies everything when empty (as on the Pareto page).
-- params: $process_ids, $site_ids, $domains (the scope), $start_on, $end_on (dates, both included),
--         $cause_ids (list of texts), $effect_type (text or NULL), $effect_process (text or NULL)
-- columns: event_id, occurred_on, event_type, site_id, site_name, process_id, process_name_fr,
--          process_name_en, severity, cost, cause_id, title, status
SELECT
    e.event_id, e.occurred_on, e.event_type,
    e.site_id, s.name AS site_name,
    e.process_id, p.name_fr AS process_name_fr, p.name_en AS process_name_en,
    e.severity, coalesce(e.cost, 0.0) AS cost,
    e.cause_id, e.title, e.status
FROM event e
JOIN site s USING (site_id)
JOIN process p USING (process_id)
WHERE list_contains($process_ids, e.process_id)
  AND list_contains($site_ids, e.site_id)
  AND len($domains) > 0
  AND e.occurred_on BETWEEN $start_on AND $end_on
  AND list_contains($cause_ids, e.cause_id)
  AND ($effect_type IS NULL OR e.event_type = $effect_type)
  AND ($effect_process IS NULL OR e.process_id = $effect_process)
ORDER BY e.occurred_on DESC, e.event_id
