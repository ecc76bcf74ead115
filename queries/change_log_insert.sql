-- Record one change in the audit trail, for a row about an indicator and a site in the writer's scope.
-- params: $process_ids, $site_ids, $domains (the writer's scope), $indicator_id, $site_id,
--         $changed_at, $changed_by, $table_name, $row_key, $operation, $before, $after (JSON), $reason
-- columns: changed_at, changed_by, table_name, row_key, operation, before, after, reason (the row written)
INSERT INTO change_log (changed_at, changed_by, table_name, row_key, operation, before, after, reason)
SELECT $changed_at, $changed_by, $table_name, $row_key, $operation, $before, $after, $reason
FROM indicator i
WHERE i.indicator_id = $indicator_id
  AND list_contains($process_ids, i.process_id)
  AND list_contains($domains, i.domain)
  AND list_contains($site_ids, $site_id)
RETURNING *
