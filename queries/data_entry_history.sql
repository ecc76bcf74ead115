-- The current values of the indicators × sites a person may enter, over the months before the one entered:
-- last month's value, the same month last year, and the history an unusual entry is judged against.
-- params: $process_ids, $site_ids, $domains, $start_month, $period (dates, first days of months; $start_month
--         included, $period excluded)
-- columns: indicator_id, site_id, period, value, numerator, denominator
SELECT m.indicator_id, m.site_id, m.period, m.value, m.numerator, m.denominator
FROM measurement_current m
JOIN indicator i USING (indicator_id)
WHERE list_contains($process_ids, i.process_id)
  AND list_contains($domains, i.domain)
  AND list_contains($site_ids, m.site_id)
  AND i.frequency = 'monthly'
  AND m.period >= $start_month AND m.period < $period
ORDER BY m.indicator_id, m.site_id, m.period
