-- Every measurement row (all versions, corrections included) of the indicators and sites in scope for
-- the months [$start_month, $end_month]: the input of the data-quality pass
-- (smqse.analysis.data_quality.detect_data_problems), which looks for duplicated entries among versions.
-- params: $process_ids, $site_ids, $domains, $start_month, $end_month (dates, first day of month, inclusive)
-- columns: indicator_id, site_id, period, value, numerator, denominator, version, import_id, entered_by,
--          entered_at
SELECT
    m.indicator_id, m.site_id, m.period, m.value, m.numerator, m.denominator, m.version, m.import_id,
    m.entered_by, m.entered_at
FROM measurement m
JOIN indicator i USING (indicator_id)
WHERE m.period BETWEEN $start_month AND $end_month
  AND list_contains($site_ids, m.site_id)
  AND list_contains($process_ids, i.process_id)
  AND list_contains($domains, i.domain)
ORDER BY m.indicator_id, m.site_id, m.period, m.version, m.entered_at
