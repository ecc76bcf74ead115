-- Record one change to the management review record in the audit trail (organisation-level writes).
-- params: $process_ids, $site_ids, $domains (the writer's scope),
--         $changed_at, $changed_by, $table_name, $row_key, $operation, $before, $after (JSON), $reason
-- columns: changed_at, changed_by, table_name, row_key, operation, before, after, reason (the row written)
INSERT INTO change_log (changed_at, changed_by, table_name, row_key, operation, before, after, reason)
SELECT $changed_at, $changed_by, $table_name, $row_key, $operation, $before, $after, $reason
WHERE (NOT EXISTS (SELECT 1 FROM process WHERE NOT list_contains($process_ids, process_id))
       AND NOT EXISTS (SELECT 1 FROM site WHERE NOT list_contains($site_ids, site_id))
       AND len($domains) = 3) AND len($process_ids) > 0 AND len($site_ids) > 0 AND len($domains) > 0
  AND $table_name IN ('review', 'review_input', 'review_decision', 'action')
RETURNING *
