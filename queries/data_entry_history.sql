-- The current values of the indicators × sites a person may enter, over the months before the one entered, for
-- the indicators $indicator_ids: the history an unusual entry is judged against (read for the indicators
-- entered, at the save: the whole grid's is a million values at enterprise scale).
-- params: $process_ids, $site_ids, $domains, $start_month, $period (dates, first days of months; $start_month
--         included, $period excluded), $indicator_ids (list of texts)
-- columns: indicator_id, site_id, period, value, numerator, denominator
SELECT m.indicator_id, m.site_id, m.period, m.value, m.numerator, m.denominator
FROM measurement_current m
JOIN indicator i USING (indicator_id)
WHERE list_contains($process_ids, i.process_id)
  AND list_contains($domains, i.domain)
  AND list_contains($site_ids, m.site_id)
  AND i.frequency = 'monthly'
  AND list_contains($indicator_ids, m.indicator_id)
  AND m.period >= $start_month AND m.period < $period
ORDER BY m.indicator_id, m.site_id, m.period
