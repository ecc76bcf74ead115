-- The version of the actions (data_version kind 'action', bumped in the transaction of every write to an
-- action): the cache key of the views that read actions (the action plan, the causes page), so an action
-- opened or updated shows at once, in every process serving the app. A counter, no data of any scope: the
-- scope only denies an empty one. No row when never bumped (version 0).
-- params: $process_ids, $site_ids, $domains
-- columns: version
SELECT d.version
FROM data_version d
WHERE d.kind = 'action'
  AND d.indicator_id = ''
  AND len($process_ids) > 0
  AND len($site_ids) > 0
  AND len($domains) > 0
