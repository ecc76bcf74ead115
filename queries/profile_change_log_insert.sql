-- Identity: the audit trail of a change of one user's e-mail settings, written with the change.
-- params: $user_id (whose settings: the row key), $editor_user_id (changed_by), $changed_at,
--         $before, $after (JSON), $reason
-- columns: changed_at, changed_by, table_name, row_key, operation, before, after, reason (the row written)
INSERT INTO change_log (changed_at, changed_by, table_name, row_key, operation, before, after, reason)
SELECT $changed_at, $editor_user_id, 'app_user', $user_id, 'update', $before, $after, $reason
FROM app_user u
WHERE u.user_id = $user_id
  AND (
      $editor_user_id = $user_id
      OR EXISTS (SELECT 1 FROM app_user e WHERE e.user_id = $editor_user_id AND e.role = 'qse_lead')
  )
RETURNING *
