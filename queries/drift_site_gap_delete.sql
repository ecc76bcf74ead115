-- Remove the stored heat-map cells of some indicators for one scope key and as-of month.
-- params: $process_ids, $site_ids, $domains, $scope_key, $as_of_month, $indicator_ids (list)
-- columns: Count (rows deleted)
DELETE FROM drift_site_gap
WHERE scope_key = $scope_key
  AND as_of_month = $as_of_month
  AND list_contains($indicator_ids, indicator_id)
  AND list_contains($site_ids, site_id)
  AND indicator_id IN (
      SELECT indicator_id FROM indicator
      WHERE list_contains($process_ids, process_id) AND list_contains($domains, domain)
  )
