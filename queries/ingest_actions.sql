-- Ingest: the stored actions a file names (by id) that the importer's scope allows: the "before" of an update.
-- params: $process_ids, $site_ids, $domains (the importer's scope), $ids (VARCHAR[]: action ids of the file)
-- columns: every action column
SELECT a.*
FROM action a
WHERE list_contains($ids::VARCHAR[], a.action_id)
  AND list_contains($process_ids, a.process_id)
  AND (a.site_id IS NULL OR list_contains($site_ids, a.site_id))
  AND len($site_ids) > 0
  AND len($domains) > 0
ORDER BY a.action_id
