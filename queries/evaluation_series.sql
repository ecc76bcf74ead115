-- Every current monthly value in scope, ordered by series: the anomaly evaluation and the full-scan timing.
-- params: $process_ids, $site_ids, $domains
-- columns: indicator_id, site_id, period, value
SELECT m.indicator_id, m.site_id, m.period, m.value
FROM measurement_current m
JOIN indicator i USING (indicator_id)
WHERE list_contains($site_ids, m.site_id)
  AND list_contains($process_ids, i.process_id)
  AND list_contains($domains, i.domain)
ORDER BY m.indicator_id, m.site_id, m.period
