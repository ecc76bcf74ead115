-- What the anomaly page's cached read depends on: the data versions of the indicators in scope (values and
-- catalogue), the latest stored scan for the month, and how many indicators in scope were scanned from
-- older data than the current (or never). Tiny; run on every page view.
-- params: $process_ids, $site_ids, $domains, $as_of_month
-- columns: (no row for an empty scope) data_version, computed_at, scanned (indicators with a stored scan), stale (indicators whose scan
--          is older than their data or missing)
WITH current AS (
    SELECT i.indicator_id,
           coalesce(max(d.version) FILTER (WHERE d.kind = 'measurement'), 0) AS measurement_version,
           coalesce(max(d.version) FILTER (WHERE d.kind = 'indicator'), 0) AS indicator_version
    FROM indicator i
    LEFT JOIN data_version d ON d.indicator_id = i.indicator_id
    WHERE list_contains($process_ids, i.process_id)
      AND list_contains($domains, i.domain)
      AND len($site_ids) > 0
    GROUP BY i.indicator_id
), stored AS (
    SELECT indicator_id, min(measurement_version) AS lo_m, max(measurement_version) AS hi_m,
           min(indicator_version) AS lo_i, max(indicator_version) AS hi_i, max(computed_at) AS computed_at
    FROM anomaly_series_state
    WHERE as_of_month = $as_of_month
    GROUP BY indicator_id
)
SELECT
    coalesce(sum(c.measurement_version + c.indicator_version), 0) AS data_version,
    max(s.computed_at) AS computed_at,
    count(s.indicator_id) AS scanned,
    count(*) FILTER (WHERE s.indicator_id IS NULL OR s.lo_m <> c.measurement_version
                     OR s.hi_m <> c.measurement_version OR s.lo_i <> c.indicator_version
                     OR s.hi_i <> c.indicator_version) AS stale
FROM current c
LEFT JOIN stored s USING (indicator_id)
HAVING len($process_ids) > 0 AND len($site_ids) > 0 AND len($domains) > 0
