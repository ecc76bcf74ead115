-- Record one change to the indicator catalogue or an objective in the audit trail; writes nothing unless the
-- indicator concerned (the indicator itself, or the objective's) is in the writer's scope, and nothing for
-- an update without a reason.
-- params: $process_ids, $site_ids, $domains (the writer's scope), $indicator_id (the indicator concerned),
--         $changed_at, $changed_by, $table_name ('indicator' | 'objective'), $row_key, $operation
--         ('insert' | 'update'), $before, $after (JSON), $reason
-- columns: changed_at, changed_by, table_name, row_key, operation, before, after, reason (the row written)
INSERT INTO change_log (changed_at, changed_by, table_name, row_key, operation, before, after, reason)
SELECT $changed_at, $changed_by, $table_name, $row_key, $operation, $before, $after, $reason
FROM indicator i
WHERE i.indicator_id = $indicator_id
  AND list_contains($process_ids, i.process_id)
  AND list_contains($domains, i.domain)
  AND len($site_ids) > 0
  AND $table_name IN ('indicator', 'objective')
  AND $operation IN ('insert', 'update')
  AND ($operation = 'insert' OR coalesce(trim($reason), '') <> '')
RETURNING *
