-- Ingest: the stored objectives a file names (by id) that the importer's scope allows: the "before" of an
-- update.
-- params: $process_ids, $site_ids, $domains (the importer's scope), $ids (VARCHAR[]: objective ids of the file)
-- columns: every objective column
SELECT o.*
FROM objective o
JOIN indicator i USING (indicator_id)
WHERE list_contains($ids::VARCHAR[], o.objective_id)
  AND list_contains($process_ids, i.process_id)
  AND list_contains($domains, i.domain)
  AND (o.site_id IS NULL OR list_contains($site_ids, o.site_id))
  AND len($site_ids) > 0
ORDER BY o.objective_id
