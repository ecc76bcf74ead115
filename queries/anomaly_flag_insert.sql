-- Store computed anomaly_flag rows: the frame registered as anomaly_flag_new (smqse.refresh_anomalies), by name.
-- params: $process_ids, $site_ids, $domains (only indicators in scope are written)
-- columns: Count (rows inserted)
INSERT INTO anomaly_flag BY NAME
SELECT n.*
FROM anomaly_flag_new n
JOIN indicator i USING (indicator_id)
WHERE list_contains($process_ids, i.process_id)
  AND list_contains($domains, i.domain)
  AND (n.site_id = '' OR list_contains($site_ids, n.site_id))
