-- Ingest (write): update the stored actions that the registered frame `ingest_rows` changes (rows with
-- _status = 'updated'), only where both the stored row and its new content are in the importer's scope.
-- The caller writes the before/after of each row to change_log in the same transaction.
-- params: $process_ids, $site_ids, $domains (the importer's scope)
-- columns: Count (rows updated)
UPDATE action SET
    action_type = r.action_type,
    origin = r.origin,
    origin_id = r.origin_id,
    title = r.title,
    owner_user_id = r.owner_user_id,
    process_id = r.process_id,
    site_id = r.site_id,
    opened_on = r.opened_on,
    due_on = r.due_on,
    closed_on = r.closed_on,
    status = r.status,
    progress_pct = r.progress_pct,
    cost = r.cost,
    expected_benefit = r.expected_benefit,
    effectiveness = r.effectiveness
FROM ingest_rows r
WHERE action.action_id = r.action_id
  AND r._status = 'updated'
  AND list_contains($process_ids, r.process_id) AND (r.site_id IS NULL OR list_contains($site_ids, r.site_id))
      AND len($site_ids) > 0 AND len($domains) > 0
  AND list_contains($process_ids, action.process_id) AND (action.site_id IS NULL OR list_contains($site_ids, action.site_id))
      AND len($site_ids) > 0 AND len($domains) > 0
