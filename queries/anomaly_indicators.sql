-- The names, unit and polarity of the indicators in scope (the anomaly page's labels for unusual sites).
-- params: $process_ids, $site_ids, $domains
-- columns: indicator_id, name_fr, name_en, unit, polarity
SELECT indicator_id, name_fr, name_en, unit, polarity
FROM indicator
WHERE list_contains($process_ids, process_id)
  AND list_contains($domains, domain)
  AND len($site_ids) > 0
ORDER BY indicator_id
