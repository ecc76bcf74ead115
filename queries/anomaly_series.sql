-- Monthly series of every indicator in scope, per site in scope, for the anomaly watch (current values).
-- A ratio given as numerator and denominator only gets its value computed (numerator / denominator × base);
-- two current rows for one key (a duplicated entry, reported by the data-quality pass) are averaged.
-- params: $process_ids, $site_ids, $domains, $start_month, $end_month (dates, first day of month, inclusive)
-- columns: indicator_id, site_id, period, value, process_id, domain, name_fr, name_en, unit, polarity
WITH scoped AS (
    SELECT
        m.indicator_id, m.site_id, m.period,
        coalesce(m.value,
                 CASE WHEN i.aggregation = 'ratio'
                      THEN m.numerator / nullif(m.denominator, 0) * coalesce(i.rate_base, 1) END) AS value,
        i.process_id, i.domain, i.name_fr, i.name_en, i.unit, i.polarity
    FROM measurement_current m
    JOIN indicator i USING (indicator_id)
    WHERE m.period BETWEEN $start_month AND $end_month
      AND list_contains($site_ids, m.site_id)
      AND list_contains($process_ids, i.process_id)
      AND list_contains($domains, i.domain)
)
SELECT indicator_id, site_id, period, avg(value) AS value,
       any_value(process_id) AS process_id, any_value(domain) AS domain, any_value(name_fr) AS name_fr,
       any_value(name_en) AS name_en, any_value(unit) AS unit, any_value(polarity) AS polarity
FROM scoped
WHERE value IS NOT NULL
GROUP BY indicator_id, site_id, period
ORDER BY indicator_id, site_id, period
