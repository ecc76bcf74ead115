-- Remove the stored anomaly_data_problem rows of some indicators for an as-of month (before their new ones).
-- params: $process_ids, $site_ids, $domains, $as_of_month, $indicator_ids (list)
-- columns: Count (rows deleted)
DELETE FROM anomaly_data_problem
WHERE as_of_month = $as_of_month
  AND list_contains($indicator_ids, indicator_id)
  AND indicator_id IN (
      SELECT indicator_id FROM indicator
      WHERE list_contains($process_ids, process_id) AND list_contains($domains, domain) AND len($site_ids) > 0
  )
