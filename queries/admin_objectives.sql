-- Objectives of the indicators the scope allows: group objectives (site_id NULL) and those of sites in scope,
-- every stored column and what the page needs of their indicator.
-- params: $process_ids, $site_ids, $domains (the scope; an empty list means nothing is allowed)
-- columns: objective_id, indicator_id, site_id, baseline, target, alert_threshold, tolerance, start_on,
--          deadline, owner_user_id, rationale, cost, expected_benefit, process_id, domain, polarity, unit,
--          aggregation, min_value, max_value, indicator_name_fr, indicator_name_en (the indicator's)
SELECT
    o.objective_id, o.indicator_id, o.site_id, o.baseline, o.target, o.alert_threshold, o.tolerance,
    o.start_on, o.deadline, o.owner_user_id, o.rationale, o.cost, o.expected_benefit,
    i.process_id, i.domain, i.polarity, i.unit, i.aggregation, i.min_value, i.max_value,
    i.name_fr AS indicator_name_fr, i.name_en AS indicator_name_en
FROM objective o
JOIN indicator i USING (indicator_id)
WHERE list_contains($process_ids, i.process_id)
  AND list_contains($domains, i.domain)
  AND (o.site_id IS NULL OR list_contains($site_ids, o.site_id))
  AND len($site_ids) > 0
ORDER BY o.deadline DESC, CASE i.domain WHEN 'Q' THEN 1 WHEN 'S' THEN 2 ELSE 3 END, o.indicator_id,
         o.site_id NULLS FIRST, o.objective_id
