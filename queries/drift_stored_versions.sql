-- Per scope key, as-of month and indicator: the data versions its stored drift rows were computed from
-- (the indicator's own row, site_id NULL), for the refresh to find what changed since.
-- params: $process_ids, $site_ids, $domains, $as_of_months (list of dates)
-- columns: scope_key, as_of_month, indicator_id, measurement_version, objective_version, indicator_version,
--          computed_at
SELECT r.scope_key, r.as_of_month, r.indicator_id, r.measurement_version, r.objective_version,
       r.indicator_version, r.computed_at
FROM drift_result r
JOIN indicator i USING (indicator_id)
WHERE r.site_id IS NULL
  AND list_contains($as_of_months, r.as_of_month)
  AND (r.scope_key = 'group' OR list_contains($site_ids, r.scope_key))
  AND list_contains($process_ids, i.process_id)
  AND list_contains($domains, i.domain)
