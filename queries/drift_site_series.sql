-- Monthly values of every indicator in scope, per site in scope (the drift page's site rows and heat map).
-- Same rules as scorecard_series: a ratio row without numerator or denominator is left out and counted; a
-- ratio allowed a value alone (value_only_rule = 'mean_of_values') takes the mean of its values, no counts.
-- params: $process_ids, $site_ids, $domains, $start_month, $end_month (dates, first day of month, inclusive)
-- columns: indicator_id, site_id, period_month, value, numerator_sum, denominator_sum, left_out_count
WITH scoped AS (
    SELECT m.indicator_id, m.site_id, m.period, m.value, m.numerator, m.denominator, i.aggregation,
           i.rate_base,
           i.aggregation = 'ratio' AND i.value_only_rule = 'mean_of_values' AS mean_of_values,
           i.aggregation = 'ratio' AND i.value_only_rule IS NULL
               AND (m.numerator IS NULL OR m.denominator IS NULL) AS left_out
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
    CASE WHEN bool_or(mean_of_values) THEN avg(value)
         WHEN any_value(aggregation) = 'ratio'
         THEN sum(numerator) FILTER (WHERE NOT left_out)
              / nullif(sum(denominator) FILTER (WHERE NOT left_out), 0) * coalesce(any_value(rate_base), 1)
         ELSE sum(value) END AS value,
    CASE WHEN bool_or(mean_of_values) THEN NULL
         ELSE sum(numerator) FILTER (WHERE NOT left_out) END AS numerator_sum,
    CASE WHEN bool_or(mean_of_values) THEN NULL
         ELSE sum(denominator) FILTER (WHERE NOT left_out) END AS denominator_sum,
    count(*) FILTER (WHERE left_out) AS left_out_count
FROM scoped
GROUP BY indicator_id, site_id, period
ORDER BY indicator_id, site_id, period
