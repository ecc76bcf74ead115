-- Store the unusual sites computed for the whole organisation: the frame registered as anomaly_unusual_new.
-- params: $process_ids, $site_ids, $domains (only sites in scope are written)
-- columns: Count (rows inserted)
INSERT INTO anomaly_unusual_site BY NAME
SELECT n.*
FROM anomaly_unusual_new n
WHERE list_contains($site_ids, n.site_id)
  AND site_id IN (SELECT site_id FROM site)
  AND len($process_ids) > 0 AND len($domains) > 0
