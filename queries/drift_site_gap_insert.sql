-- Store computed heat-map cells: the frame registered as drift_gaps_new (smqse.refresh), columns by name.
-- params: $process_ids, $site_ids, $domains (only indicators and sites in scope are written)
-- columns: Count (rows inserted)
INSERT INTO drift_site_gap BY NAME
SELECT n.*
FROM drift_gaps_new n
JOIN indicator i USING (indicator_id)
WHERE list_contains($process_ids, i.process_id)
  AND list_contains($domains, i.domain)
  AND list_contains($site_ids, n.site_id)
