-- The data version of some kinds of data for the indicators in scope (the sum of their counters: it moves
-- whenever one of them does), for the cache key of a view that reads them. No row for an empty scope.
-- params: $process_ids, $site_ids, $domains, $kinds (list of data_version kinds)
-- columns: data_version
SELECT coalesce(sum(d.version), 0) AS data_version
FROM data_version d
JOIN indicator i USING (indicator_id)
WHERE list_contains($kinds, d.kind)
  AND list_contains($process_ids, i.process_id)
  AND list_contains($domains, i.domain)
  AND len($site_ids) > 0
HAVING len($process_ids) > 0 AND len($site_ids) > 0 AND len($domains) > 0
