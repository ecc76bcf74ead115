-- The monthly series of one indicator on one site (current values), for the chart around a flag; the same
-- values as anomaly_series.
-- params: $process_ids, $site_ids, $domains, $indicator_id, $site_id, $start_month, $end_month
-- columns: indicator_id, site_id, period, value
SELECT m.indicator_id, m.site_id, m.period,
       avg(coalesce(m.value,
                    CASE WHEN i.aggregation = 'ratio'
                         THEN m.numerator / nullif(m.denominator, 0) * coalesce(i.rate_base, 1) END)) AS value
FROM measurement_current m
JOIN indicator i USING (indicator_id)
WHERE m.indicator_id = $indicator_id
  AND m.site_id = $site_id
  AND m.period BETWEEN $start_month AND $end_month
  AND list_contains($site_ids, m.site_id)
  AND list_contains($process_ids, i.process_id)
  AND list_contains($domains, i.domain)
GROUP BY m.indicator_id, m.site_id, m.period
HAVING value IS NOT NULL
ORDER BY m.period
