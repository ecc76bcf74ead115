-- How many (indicator, site) values each month holds in scope, ascending: the as-of month a view opens on is
-- the latest month that is substantially entered, not one that holds a few early values.
-- params: $process_ids, $site_ids, $domains
-- columns: period_month, value_count
SELECT m.period AS period_month, count(*) AS value_count
FROM measurement_current m
JOIN indicator i USING (indicator_id)
WHERE list_contains($site_ids, m.site_id)
  AND list_contains($process_ids, i.process_id)
  AND list_contains($domains, i.domain)
GROUP BY m.period
ORDER BY period_month
