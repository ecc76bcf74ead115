-- The current data versions each indicator's analyses depend on (0 when never bumped).
-- params: $process_ids, $site_ids, $domains
-- columns: indicator_id, process_id, measurement_version, objective_version, indicator_version
SELECT
    i.indicator_id,
    i.process_id,
    coalesce(max(d.version) FILTER (WHERE d.kind = 'measurement'), 0) AS measurement_version,
    coalesce(max(d.version) FILTER (WHERE d.kind = 'objective'), 0) AS objective_version,
    coalesce(max(d.version) FILTER (WHERE d.kind = 'indicator'), 0) AS indicator_version
FROM indicator i
LEFT JOIN data_version d ON d.indicator_id = i.indicator_id
WHERE list_contains($process_ids, i.process_id)
  AND list_contains($domains, i.domain)
  AND len($site_ids) > 0
GROUP BY i.indicator_id, i.process_id
ORDER BY i.indicator_id
