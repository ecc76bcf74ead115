-- Per as-of month and indicator: the data versions its stored series were scanned from (one row per
-- distinct pair: two rows for one indicator mean part of it is stale), for the refresh to find what moved.
-- params: $process_ids, $site_ids, $domains, $as_of_months (list of dates)
-- columns: as_of_month, indicator_id, measurement_version, indicator_version
SELECT DISTINCT s.as_of_month, s.indicator_id, s.measurement_version, s.indicator_version
FROM anomaly_series_state s
JOIN indicator i USING (indicator_id)
WHERE list_contains($as_of_months, s.as_of_month)
  AND list_contains($process_ids, i.process_id)
  AND list_contains($domains, i.domain)
  AND len($site_ids) > 0
