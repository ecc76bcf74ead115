-- Months that hold at least one measurement in scope, ascending.
-- params: $process_ids, $site_ids, $domains
-- columns: period_month
SELECT DISTINCT m.period AS period_month
FROM measurement m
JOIN indicator i USING (indicator_id)
WHERE list_contains($site_ids, m.site_id)
  AND list_contains($process_ids, i.process_id)
  AND list_contains($domains, i.domain)
ORDER BY period_month
