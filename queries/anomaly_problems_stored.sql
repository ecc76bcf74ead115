-- The stored data problems of the scope for an as-of month (smqse.analysis.data_quality.PROBLEM_SCHEMA).
-- params: $process_ids, $site_ids, $domains, $as_of_month
-- columns: indicator_id, site_id, period, problem, value, detail, severity, excludes_value
SELECT p.indicator_id, p.site_id, p.period, p.problem, p.value, p.detail, p.severity, p.excludes_value
FROM anomaly_data_problem p
JOIN indicator i USING (indicator_id)
WHERE p.as_of_month = $as_of_month
  AND list_contains($site_ids, p.site_id)
  AND list_contains($process_ids, i.process_id)
  AND list_contains($domains, i.domain)
