-- Per indicator and site, the totals over a period window that year-to-date values are computed from.
-- Numerators and denominators add only where a row carries both (a ratio row without one cannot take part).
-- params: $process_ids, $site_ids, $domains, $start_month, $end_month (dates, inclusive)
-- columns: indicator_id, site_id, numerator_sum, denominator_sum, value_sum, period_count, last_value
WITH scoped AS (
    SELECT m.indicator_id, m.site_id, m.period, m.value, m.numerator, m.denominator
    FROM measurement_current m
    JOIN indicator i USING (indicator_id)
    WHERE m.period BETWEEN $start_month AND $end_month
      AND list_contains($site_ids, m.site_id)
      AND list_contains($process_ids, i.process_id)
      AND list_contains($domains, i.domain)
)
SELECT
    indicator_id, site_id,
    sum(numerator) FILTER (WHERE numerator IS NOT NULL AND denominator IS NOT NULL) AS numerator_sum,
    sum(denominator) FILTER (WHERE numerator IS NOT NULL AND denominator IS NOT NULL) AS denominator_sum,
    sum(value) AS value_sum,
    count(value) AS period_count,
    arg_max(value, period) AS last_value
FROM scoped
GROUP BY indicator_id, site_id
ORDER BY indicator_id, site_id
