-- Current value (highest version) per site, indicator and month in scope for [$start_month, $end_month]:
-- the input of the multivariate view (smqse.analysis.multivariate.detect_unusual_sites).
-- A ratio given as numerator and denominator only gets its value computed (numerator / denominator × base).
-- Two current rows for one key (a duplicated entry) are averaged here; the data-quality pass reports them.
-- params: $process_ids, $site_ids, $domains, $start_month, $end_month (dates, first day of month, inclusive)
-- columns: site_id, period, indicator_id, value
WITH scoped AS (
    SELECT
        m.site_id, m.period, m.indicator_id,
        coalesce(m.value,
                 CASE WHEN i.aggregation = 'ratio'
                      THEN m.numerator / nullif(m.denominator, 0) * coalesce(i.rate_base, 1) END) AS value
    FROM measurement_current m
    JOIN indicator i USING (indicator_id)
    WHERE m.period BETWEEN $start_month AND $end_month
      AND list_contains($site_ids, m.site_id)
      AND list_contains($process_ids, i.process_id)
      AND list_contains($domains, i.domain)
)
SELECT site_id, period, indicator_id, avg(value) AS value
FROM scoped
WHERE value IS NOT NULL
GROUP BY site_id, period, indicator_id
ORDER BY site_id, period, indicator_id
