-- Ingest: the stored events a file names (by id) that the importer's scope allows: the "before" of an update.
-- params: $process_ids, $site_ids, $domains (the importer's scope), $ids (VARCHAR[]: event ids of the file)
-- columns: every event column
SELECT e.*
FROM event e
WHERE list_contains($ids::VARCHAR[], e.event_id)
  AND list_contains($process_ids, e.process_id)
  AND list_contains($site_ids, e.site_id)
  AND len($domains) > 0
ORDER BY e.event_id
