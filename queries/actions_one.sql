-- One action as stored, if it is in scope (the state before an update, read inside its transaction).
-- Actions have no domain column: $domains only denies an empty selection (deny by default).
-- params: $process_ids, $site_ids, $domains, $action_id
-- columns: action_id, action_type, origin, origin_id, title, owner_user_id, process_id, site_id, opened_on,
--          due_on, closed_on, status, progress_pct, cost, expected_benefit, effectiveness
SELECT
    a.action_id, a.action_type, a.origin, a.origin_id, a.title, a.owner_user_id, a.process_id, a.site_id,
    a.opened_on, a.due_on, a.closed_on, a.status, a.progress_pct, a.cost, a.expected_benefit, a.effectiveness
FROM action a
WHERE a.action_id = $action_id
  AND list_contains($process_ids, a.process_id)
  AND (a.site_id IS NULL OR list_contains($site_ids, a.site_id))
  AND len($site_ids) > 0
  AND len($domains) > 0
