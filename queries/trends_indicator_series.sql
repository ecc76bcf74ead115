-- Monthly values of ONE indicator per site in scope, for the trends page (sites are combined in Python,
-- following the indicator's aggregation: ratio = Σ numerator / Σ denominator × rate_base, others Σ value).
-- params: $process_ids, $site_ids, $domains (the scope), $indicator_id,
--         $start_month, $end_month (dates, first day of month, inclusive)
-- columns: indicator_id, site_id, site_name, period_month, value, numerator, denominator, comment
SELECT
    m.indicator_id, m.site_id, s.name AS site_name, m.period AS period_month,
    m.value, m.numerator, m.denominator, m.comment
FROM measurement_current m
JOIN indicator i USING (indicator_id)
JOIN site s USING (site_id)
WHERE m.indicator_id = $indicator_id
  AND m.period BETWEEN $start_month AND $end_month
  AND list_contains($site_ids, m.site_id)
  AND list_contains($process_ids, i.process_id)
  AND list_contains($domains, i.domain)
ORDER BY s.name, m.period
