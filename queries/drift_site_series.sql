-- Monthly values of every indicator in scope, per site in scope (the drift page's site rows and heat map).
-- params: $process_ids, $site_ids, $domains, $start_month, $end_month (dates, first day of month, inclusive)
-- columns: indicator_id, site_id, period_month, value, numerator_sum, denominator_sum
WITH scoped AS (
    SELECT m.indicator_id, m.site_id, m.period, m.value, m.numerator, m.denominator, i.aggregation,
           i.rate_base
    FROM measurement_current m
    JOIN indicator i USING (indicator_id)
    WHERE m.period BETWEEN $start_month AND $end_month
      AND list_contains($site_ids, m.site_id)
      AND list_contains($process_ids, i.process_id)
      AND list_contains($domains, i.domain)
)
SELECT
    indicator_id,
    site_id,
    period AS period_month,
    CASE WHEN any_value(aggregation) = 'ratio'
         THEN sum(numerator) / nullif(sum(denominator), 0) * coalesce(any_value(rate_base), 1)
         ELSE sum(value) END AS value,
    sum(numerator) AS numerator_sum,
    sum(denominator) AS denominator_sum
FROM scoped
GROUP BY indicator_id, site_id, period
ORDER BY indicator_id, site_id, period
