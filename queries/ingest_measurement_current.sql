-- Ingest: the current version of the measurements a file may touch (indicators and sites in scope, periods
-- between the file's first and last month), to tell new rows, new versions and unchanged rows apart.
-- params: $process_ids, $site_ids, $domains (the importer's scope), $start_month, $end_month (dates, inclusive)
-- columns: indicator_id, site_id, period, value, numerator, denominator, comment, entered_by, entered_at,
--          version, import_id
SELECT m.indicator_id, m.site_id, m.period, m.value, m.numerator, m.denominator, m.comment,
       m.entered_by, m.entered_at, m.version, m.import_id
FROM measurement_current m
JOIN indicator i USING (indicator_id)
WHERE list_contains($process_ids, i.process_id)
  AND list_contains($domains, i.domain)
  AND list_contains($site_ids, m.site_id)
  AND m.period BETWEEN $start_month AND $end_month
