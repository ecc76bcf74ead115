-- Sites the scope allows, for pickers and per-site summaries.
-- params: $process_ids, $site_ids, $domains
-- columns: site_id, name, country, headcount_fte
SELECT site_id, name, country, headcount_fte
FROM site
WHERE list_contains($site_ids, site_id)
  AND len($process_ids) > 0
  AND len($domains) > 0
ORDER BY name
