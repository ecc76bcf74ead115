-- Indicators in scope and the review input each feeds (NULL: monitoring and measurement results only).
-- params: $process_ids, $site_ids, $domains
-- columns: indicator_id, review_input
SELECT indicator_id, review_input
FROM indicator
WHERE list_contains($process_ids, process_id)
  AND list_contains($domains, domain)
  AND len($site_ids) > 0
ORDER BY indicator_id
