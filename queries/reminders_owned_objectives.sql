-- The objectives of indicators in scope that $user_id owns and that are active in the month
-- [$start_on, $end_on]: group objectives (site_id NULL) and objectives of sites in scope.
-- params: $process_ids, $site_ids, $domains, $user_id, $start_on, $end_on (dates)
-- columns: objective_id, indicator_id, name_fr, name_en, process_id, site_id, site_name, target_value,
--          alert_value, start_on, deadline
SELECT
    o.objective_id, o.indicator_id, i.name_fr, i.name_en, i.process_id, o.site_id, s.name AS site_name,
    o.target AS target_value, o.alert_threshold AS alert_value, o.start_on, o.deadline
FROM objective o
JOIN indicator i USING (indicator_id)
LEFT JOIN site s ON s.site_id = o.site_id
WHERE list_contains($process_ids, i.process_id)
  AND list_contains($domains, i.domain)
  AND (o.site_id IS NULL OR list_contains($site_ids, o.site_id))
  AND len($site_ids) > 0
  AND o.owner_user_id = $user_id
  AND o.start_on <= $end_on
  AND o.deadline >= $start_on
ORDER BY o.objective_id
