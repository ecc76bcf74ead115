-- Ingest (write): record one import (file, SHA-256, rows, who, when, kind) and return its new import_id;
-- nothing is written for an empty scope.
-- params: $process_ids, $site_ids, $domains (the importer's scope), $file_name, $sha256, $row_count,
--         $imported_by, $imported_at (timestamp), $kind ('measurements' | 'events' | 'actions' | 'indicators' |
--         'objectives')
-- columns: import_id, file_name, sha256, row_count, imported_by, imported_at, kind (the row written, if any)
INSERT INTO import_batch (import_id, file_name, sha256, row_count, imported_by, imported_at, kind)
SELECT nextval('import_id_seq'), $file_name, $sha256, $row_count, $imported_by, $imported_at, $kind
WHERE len($process_ids) > 0 AND len($site_ids) > 0 AND len($domains) > 0
  AND EXISTS (SELECT 1 FROM process WHERE list_contains($process_ids, process_id))
RETURNING *
