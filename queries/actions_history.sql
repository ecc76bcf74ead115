-- The audit trail of one action in scope: every change_log row about it, oldest first, with who wrote it.
-- Actions have no domain column: $domains only denies an empty selection (deny by default).
-- params: $process_ids, $site_ids, $domains, $action_id
-- columns: changed_at, changed_by, changed_by_name, operation, before, after, reason
SELECT
    c.changed_at, c.changed_by, u.display_name AS changed_by_name, c.operation, c.before, c.after, c.reason
FROM change_log c
JOIN action a ON a.action_id = c.row_key
LEFT JOIN app_user u ON u.user_id = c.changed_by
WHERE c.table_name = 'action'
  AND a.action_id = $action_id
  AND list_contains($process_ids, a.process_id)
  AND (a.site_id IS NULL OR list_contains($site_ids, a.site_id))
  AND len($site_ids) > 0
  AND len($domains) > 0
ORDER BY c.changed_at, c.operation
