-- Create one objective; inserts nothing unless its indicator is in the writer's scope, its site is in scope
-- (a whole-scope objective, site NULL, needs every site) and the identifier is free.
-- params: $process_ids, $site_ids, $domains (the writer's scope), $objective_id, $indicator_id, $site_id
--         (NULL = whole scope), $baseline, $target, $alert_threshold, $tolerance, $start_on, $deadline (dates),
--         $owner_user_id, $rationale, $cost, $expected_benefit
-- columns: every objective column (the row written, if any)
INSERT INTO objective (
    objective_id, indicator_id, site_id, baseline, target, alert_threshold, start_on, deadline,
    owner_user_id, rationale, cost, expected_benefit, tolerance
)
SELECT
    $objective_id, i.indicator_id, $site_id, $baseline, $target, $alert_threshold, $start_on, $deadline,
    $owner_user_id, $rationale, $cost, $expected_benefit, $tolerance
FROM indicator i
WHERE i.indicator_id = $indicator_id
  AND list_contains($process_ids, i.process_id)
  AND list_contains($domains, i.domain)
  AND len($site_ids) > 0
  AND (
      list_contains($site_ids, $site_id)
      OR ($site_id IS NULL AND NOT EXISTS (SELECT 1 FROM site s WHERE NOT list_contains($site_ids, s.site_id)))
  )
  AND NOT EXISTS (SELECT 1 FROM objective x WHERE x.objective_id = $objective_id)
RETURNING *
