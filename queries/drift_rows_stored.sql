-- The drift page's rows for a scope key and as-of month, as stored by the refresh, in the reader's scope;
-- stale is true when the indicator's data changed since the row was computed (the page says so).
-- params: $process_ids, $site_ids, $domains, $scope_key, $as_of_month
-- columns: the columns of drift_result (smqse.views.drift.ROW_SCHEMA, left_out_count, left_out_sites, versions,
--          computed_at), stale
WITH current_version AS (
    SELECT indicator_id,
           coalesce(max(version) FILTER (WHERE kind = 'measurement'), 0) AS measurement_now,
           coalesce(max(version) FILTER (WHERE kind = 'objective'), 0) AS objective_now,
           coalesce(max(version) FILTER (WHERE kind = 'indicator'), 0) AS indicator_now
    FROM data_version
    GROUP BY indicator_id
)
SELECT r.*,
       coalesce(v.measurement_now > r.measurement_version OR v.objective_now > r.objective_version
                OR v.indicator_now > r.indicator_version, false) AS stale
FROM drift_result r
JOIN indicator i USING (indicator_id)
LEFT JOIN current_version v USING (indicator_id)
WHERE r.scope_key = $scope_key
  AND r.as_of_month = $as_of_month
  AND list_contains($process_ids, i.process_id)
  AND list_contains($domains, i.domain)
  AND (r.site_id IS NULL OR list_contains($site_ids, r.site_id))
  AND len($site_ids) > 0
