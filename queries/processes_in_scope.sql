-- Processes the scope allows, for pickers and per-process summaries.
-- params: $process_ids, $site_ids, $domains
-- columns: process_id, name_fr, name_en, family, pilot_user_id
SELECT process_id, name_fr, name_en, family, pilot_user_id
FROM process
WHERE list_contains($process_ids, process_id)
  AND len($site_ids) > 0
  AND len($domains) > 0
ORDER BY CASE family WHEN 'management' THEN 1 WHEN 'operational' THEN 2 ELSE 3 END, process_id
