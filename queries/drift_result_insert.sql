-- Store computed drift rows: the frame registered as drift_rows_new (smqse.refresh), columns by name.
-- params: $process_ids, $site_ids, $domains (only indicators in scope are written)
-- columns: Count (rows inserted)
INSERT INTO drift_result BY NAME
SELECT n.*
FROM drift_rows_new n
JOIN indicator i USING (indicator_id)
WHERE list_contains($process_ids, i.process_id)
  AND list_contains($domains, i.domain)
  AND (n.site_id IS NULL OR list_contains($site_ids, n.site_id))
