-- Change one objective (not its identifier); updates nothing unless the objective, as it is and as it will
-- be, is in the writer's scope: its indicator's process and domain, and its site (a whole-scope objective,
-- site NULL, needs every site).
-- params: $process_ids, $site_ids, $domains (the writer's scope), $objective_id, $indicator_id, $site_id
--         (NULL = whole scope), $baseline, $target, $alert_threshold, $tolerance, $start_on, $deadline (dates),
--         $owner_user_id, $rationale, $cost, $expected_benefit
-- columns: Count (rows updated: 1, or 0 when refused)
-- No RETURNING: in DuckDB 2.0 an UPDATE … RETURNING on a table with a primary key is not checked against a
-- concurrent transaction's update of the same row, and one of the two is lost (issue 11); without it, the
-- second writer gets "Conflict on update" and retries. The caller re-reads the row in its transaction.
UPDATE objective
SET indicator_id = $indicator_id, site_id = $site_id, baseline = $baseline, target = $target,
    alert_threshold = $alert_threshold, tolerance = $tolerance, start_on = $start_on, deadline = $deadline,
    owner_user_id = $owner_user_id, rationale = $rationale, cost = $cost, expected_benefit = $expected_benefit
WHERE objective_id = $objective_id
  AND len($site_ids) > 0
  AND EXISTS (
      SELECT 1 FROM indicator i
      WHERE i.indicator_id = objective.indicator_id
        AND list_contains($process_ids, i.process_id)
        AND list_contains($domains, i.domain)
  )
  AND EXISTS (
      SELECT 1 FROM indicator i
      WHERE i.indicator_id = $indicator_id
        AND list_contains($process_ids, i.process_id)
        AND list_contains($domains, i.domain)
  )
  AND (
      list_contains($site_ids, objective.site_id)
      OR (objective.site_id IS NULL
          AND NOT EXISTS (SELECT 1 FROM site s WHERE NOT list_contains($site_ids, s.site_id)))
  )
  AND (
      list_contains($site_ids, $site_id)
      OR ($site_id IS NULL AND NOT EXISTS (SELECT 1 FROM site s WHERE NOT list_contains($site_ids, s.site_id)))
  )
