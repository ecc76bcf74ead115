-- The stored anomaly flags of the scope for an as-of month and window, with their indicator's names.
-- params: $process_ids, $site_ids, $domains, $as_of_month, $start_month (first month of the window)
-- columns: indicator_id, site_id, period, value, expected, score, kind, reason, process_id, domain, name_fr,
--          name_en, unit
SELECT f.indicator_id, f.site_id, f.period, f.value, f.expected, f.score, f.kind, f.reason,
       i.process_id, i.domain, i.name_fr, i.name_en, i.unit
FROM anomaly_flag f
JOIN indicator i USING (indicator_id)
WHERE f.as_of_month = $as_of_month
  AND f.period >= $start_month
  AND list_contains($site_ids, f.site_id)
  AND list_contains($process_ids, i.process_id)
  AND list_contains($domains, i.domain)
ORDER BY f.score DESC, f.period DESC, f.indicator_id, f.site_id
