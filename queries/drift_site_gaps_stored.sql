-- The heat map's stored site × indicator cells for a scope key and as-of month, in the reader's scope.
-- params: $process_ids, $site_ids, $domains, $scope_key, $as_of_month
-- columns: indicator_id, site_id, polarity, ytd_value, target_due, alert_due, tolerance, gap_ytd,
--          gap_ytd_pct, drift, drift_period, drift_direction, drift_favourable, status
SELECT g.indicator_id, g.site_id, g.polarity, g.ytd_value, g.target_due, g.alert_due, g.tolerance, g.gap_ytd,
       g.gap_ytd_pct, g.drift, g.drift_period, g.drift_direction, g.drift_favourable, g.status
FROM drift_site_gap g
JOIN indicator i USING (indicator_id)
WHERE g.scope_key = $scope_key
  AND g.as_of_month = $as_of_month
  AND list_contains($process_ids, i.process_id)
  AND list_contains($domains, i.domain)
  AND list_contains($site_ids, g.site_id)
ORDER BY g.indicator_id, g.site_id
