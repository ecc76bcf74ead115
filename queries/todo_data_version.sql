-- The data version a user's to-do (smqse.reminders) depends on, for its cache key: the per-indicator kinds of
-- the indicators in scope, plus the organisation-wide kinds (actions, month closings: indicator_id ''). It
-- moves whenever one of them does. No row for an empty scope.
-- params: $process_ids, $site_ids, $domains, $kinds (list of data_version kinds)
-- columns: data_version
SELECT coalesce(sum(d.version), 0) AS data_version
FROM data_version d
LEFT JOIN indicator i ON i.indicator_id = d.indicator_id
WHERE list_contains($kinds, d.kind)
  AND (
      d.indicator_id = ''
      OR (list_contains($process_ids, i.process_id) AND list_contains($domains, i.domain))
  )
HAVING len($process_ids) > 0 AND len($site_ids) > 0 AND len($domains) > 0
