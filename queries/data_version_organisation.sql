-- The data version of kinds counted for the whole organisation (events, actions, month close: indicator_id
-- ''), for the cache key of a view that reads them: it moves with every write of one of them. A counter, no
-- data of any scope; an empty scope reads nothing (deny by default).
-- params: $process_ids, $site_ids, $domains (the scope), $kinds (list of data_version kinds)
-- columns: data_version
SELECT coalesce(sum(d.version), 0) AS data_version
FROM data_version d
WHERE list_contains($kinds, d.kind)
  AND d.indicator_id = ''
HAVING len($process_ids) > 0 AND len($site_ids) > 0 AND len($domains) > 0
