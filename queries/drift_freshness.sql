-- What the drift page's cached read depends on, for its cache key: the data versions of the indicators in
-- scope and the latest stored computation of the scope key and month (tiny; run on every page view).
-- params: $process_ids, $site_ids, $domains, $scope_key, $as_of_month
-- columns: data_version (sum of the versions in scope), computed_at (latest), stored_rows (no row for an
--          empty scope)
SELECT
    (SELECT coalesce(sum(d.version), 0)
     FROM data_version d JOIN indicator i USING (indicator_id)
     WHERE list_contains($process_ids, i.process_id) AND list_contains($domains, i.domain)
       AND len($site_ids) > 0) AS data_version,
    max(r.computed_at) AS computed_at,
    count(r.row_id) AS stored_rows
FROM drift_result r
JOIN indicator i USING (indicator_id)
WHERE r.scope_key = $scope_key
  AND r.as_of_month = $as_of_month
  AND r.site_id IS NULL
  AND list_contains($process_ids, i.process_id)
  AND list_contains($domains, i.domain)
  AND len($site_ids) > 0
HAVING len($process_ids) > 0 AND len($site_ids) > 0 AND len($domains) > 0
