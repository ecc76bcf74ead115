-- Objectives of the indicators in scope that are active on some day of [start_on, end_on]:
-- group objectives (site_id NULL) and objectives of sites in scope.
-- params: $process_ids, $site_ids, $domains, $start_on, $end_on (dates)
-- columns: objective_id, indicator_id, site_id, baseline, target_value, alert_value, tolerance,
--          start_on, deadline, owner_user_id, aggregation (the indicator's: whether a group target applies to a site)
SELECT
    o.objective_id, o.indicator_id, o.site_id, o.baseline,
    o.target AS target_value, o.alert_threshold AS alert_value, o.tolerance,
    o.start_on, o.deadline, o.owner_user_id, i.aggregation
FROM objective o
JOIN indicator i USING (indicator_id)
WHERE list_contains($process_ids, i.process_id)
  AND list_contains($domains, i.domain)
  AND (o.site_id IS NULL OR list_contains($site_ids, o.site_id))
  AND len($site_ids) > 0
  AND o.start_on <= $end_on
  AND o.deadline >= $start_on
ORDER BY o.indicator_id, o.site_id NULLS FIRST, o.start_on
