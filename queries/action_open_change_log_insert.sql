-- Record the opening of an action in the audit trail (table 'action', operation 'insert'), only for an action
-- in the writer's scope (its process, and its site when it has one); nothing otherwise.
-- Actions have no domain column: $domains only denies an empty selection (deny by default).
-- params: $process_ids, $site_ids, $domains (the writer's scope), $action_id, $changed_at, $changed_by,
--         $after (JSON of the row written), $reason
-- columns: changed_at, changed_by, table_name, row_key, operation, before, after, reason (the row written)
INSERT INTO change_log (changed_at, changed_by, table_name, row_key, operation, before, after, reason)
SELECT $changed_at, $changed_by, 'action', a.action_id, 'insert', NULL, $after, $reason
FROM action a
WHERE a.action_id = $action_id
  AND list_contains($process_ids, a.process_id)
  AND (a.site_id IS NULL OR list_contains($site_ids, a.site_id))
  AND len($site_ids) > 0
  AND len($domains) > 0
RETURNING *
