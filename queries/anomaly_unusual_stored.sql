-- The unusual sites stored for the whole organisation for an as-of month (read for a scope of every
-- process and site only: other scopes compare other indicators and are computed live).
-- params: $process_ids, $site_ids, $domains, $as_of_month
-- columns: site_id, period, score, threshold, is_unusual, n_indicators, top_indicators (JSON), computed_at
SELECT site_id, period, score, threshold, is_unusual, n_indicators, top_indicators, computed_at
FROM anomaly_unusual_site
WHERE as_of_month = $as_of_month
  AND list_contains($site_ids, site_id)
  AND len($process_ids) > 0 AND len($domains) > 0
