-- The latest note of each flagged point (indicator, site, month) in scope.
-- params: $process_ids, $site_ids, $domains (the scope; an empty list means nothing is allowed)
-- columns: indicator_id, site_id, period, status, note, noted_by, noted_by_name, noted_at
SELECT n.indicator_id, n.site_id, n.period, n.status, n.note, n.noted_by,
       coalesce(u.display_name, n.noted_by) AS noted_by_name, n.noted_at
FROM anomaly_note n
JOIN indicator i USING (indicator_id)
LEFT JOIN app_user u ON u.user_id = n.noted_by
WHERE list_contains($process_ids, i.process_id)
  AND list_contains($domains, i.domain)
  AND list_contains($site_ids, n.site_id)
QUALIFY row_number() OVER (
    PARTITION BY n.indicator_id, n.site_id, n.period ORDER BY n.noted_at DESC NULLS LAST
) = 1
ORDER BY n.indicator_id, n.site_id, n.period
