-- Import history: every batch for a whole-organisation scope; otherwise the batches the user loaded.
-- params: $process_ids, $site_ids, $domains (the scope), $user_id
-- columns: import_id, file_name, sha256, row_count, kind, imported_by, importer_name, imported_at
SELECT b.import_id, b.file_name, b.sha256, b.row_count, b.kind, b.imported_by, u.display_name AS importer_name,
       b.imported_at
FROM import_batch b
LEFT JOIN app_user u ON u.user_id = b.imported_by
WHERE len($process_ids) > 0 AND len($site_ids) > 0 AND len($domains) > 0
  AND (
      b.imported_by = $user_id
      OR (NOT EXISTS (SELECT 1 FROM process WHERE NOT list_contains($process_ids, process_id))
          AND NOT EXISTS (SELECT 1 FROM site WHERE NOT list_contains($site_ids, site_id))
          AND len($domains) = 3)
  )
ORDER BY b.imported_at DESC, b.import_id DESC
