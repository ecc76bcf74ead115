-- Remove the stored unusual sites of an as-of month (before the new ones).
-- params: $process_ids, $site_ids, $domains, $as_of_month
-- columns: Count (rows deleted)
DELETE FROM anomaly_unusual_site
WHERE as_of_month = $as_of_month
  AND list_contains($site_ids, site_id)
  AND site_id IN (SELECT site_id FROM site)
  AND len($process_ids) > 0 AND len($domains) > 0
