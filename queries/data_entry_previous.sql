-- What the monthly entry grid shows of the past, and only that: the current values of the indicators × sites a
-- person may enter, last month and the same month last year (the grid's history is read per indicator when
-- entered values are judged: data_entry_history.sql).
-- params: $process_ids, $site_ids, $domains, $last_month, $last_year (dates, first days of months)
-- columns: indicator_id, site_id, period, value
SELECT m.indicator_id, m.site_id, m.period, m.value
FROM measurement_current m
JOIN indicator i USING (indicator_id)
WHERE list_contains($process_ids, i.process_id)
  AND list_contains($domains, i.domain)
  AND list_contains($site_ids, m.site_id)
  AND i.frequency = 'monthly'
  AND m.period IN ($last_month, $last_year)
ORDER BY m.indicator_id, m.site_id, m.period
