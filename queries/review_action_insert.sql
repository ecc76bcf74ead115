-- Open the action that carries a review decision (origin 'review'), on a process in the writer's scope.
-- params: $process_ids, $site_ids, $domains (the writer's scope), $action_id,
--         $action_type, $decision_id, $title, $owner_user_id, $process_id, $opened_on, $due_on, $cost,
--         $expected_benefit
-- columns: every action column (the row written, if any)
INSERT INTO action (
    action_id, action_type, origin, origin_id, title, owner_user_id, process_id, site_id, opened_on, due_on,
    closed_on, status, progress_pct, cost, expected_benefit, effectiveness
)
SELECT $action_id, $action_type, 'review', $decision_id, $title, $owner_user_id, $process_id, NULL, $opened_on,
       $due_on, NULL, 'planned', 0, $cost, $expected_benefit, 'not_checked'
WHERE (NOT EXISTS (SELECT 1 FROM process WHERE NOT list_contains($process_ids, process_id))
       AND NOT EXISTS (SELECT 1 FROM site WHERE NOT list_contains($site_ids, site_id))
       AND len($domains) = 3) AND list_contains($process_ids, $process_id)
  AND len($site_ids) > 0 AND len($domains) > 0
  AND NOT EXISTS (SELECT 1 FROM action WHERE action_id = $action_id)
RETURNING *
