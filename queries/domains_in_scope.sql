-- Domains (Q, S, E) that have at least one indicator in scope, in Q, S, E order.
-- params: $process_ids, $site_ids, $domains
-- columns: domain
SELECT DISTINCT domain
FROM indicator
WHERE list_contains($process_ids, process_id)
  AND list_contains($domains, domain)
  AND len($site_ids) > 0
ORDER BY CASE domain WHEN 'Q' THEN 1 WHEN 'S' THEN 2 ELSE 3 END
