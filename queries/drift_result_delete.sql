-- Remove the stored drift rows of some (scope key, indicator) pairs for an as-of month (before their new
-- ones): $scope_keys and $indicator_ids are parallel lists, one pair per position.
-- params: $process_ids, $site_ids, $domains, $as_of_month, $scope_keys (list), $indicator_ids (list)
-- columns: Count (rows deleted)
DELETE FROM drift_result
WHERE as_of_month = $as_of_month
  AND EXISTS (
      SELECT 1
      FROM (SELECT unnest($scope_keys) AS scope_key, unnest($indicator_ids) AS indicator_id) AS pair
      WHERE pair.scope_key = drift_result.scope_key AND pair.indicator_id = drift_result.indicator_id
  )
  AND indicator_id IN (
      SELECT indicator_id FROM indicator
      WHERE list_contains($process_ids, process_id) AND list_contains($domains, domain) AND len($site_ids) > 0
  )
