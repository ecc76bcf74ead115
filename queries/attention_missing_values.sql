-- Values missing (not entered yet, or late) for the as-of month: every (indicator, site) pair in scope
-- with at least one value in the 12 months before $as_of_month and none for $as_of_month itself.
-- A measurement counts when it holds a value or a numerator (ratios may be entered as numerator and
-- denominator only). Only monthly indicators are expected every month.
-- params: $process_ids, $site_ids, $domains, $as_of_month (date, first day of the month)
-- columns: indicator_id, name_fr, name_en, domain, unit, process_id, process_name_fr, process_name_en,
--          pilot_user_id, pilot_name, site_id, site_name, period_month, last_period, months_reported
WITH scoped_indicator AS (
    SELECT i.indicator_id, i.name_fr, i.name_en, i.domain, i.unit, i.process_id,
           p.name_fr AS process_name_fr, p.name_en AS process_name_en, p.pilot_user_id
    FROM indicator i
    JOIN process p USING (process_id)
    WHERE list_contains($process_ids, i.process_id)
      AND list_contains($domains, i.domain)
      AND i.frequency = 'monthly'
),
entered AS (
    SELECT m.indicator_id, m.site_id, m.period
    FROM measurement_current m
    JOIN scoped_indicator s USING (indicator_id)
    WHERE list_contains($site_ids, m.site_id)
      AND m.period BETWEEN $as_of_month - INTERVAL 12 MONTH AND $as_of_month
      AND (m.value IS NOT NULL OR m.numerator IS NOT NULL)
),
history AS (
    SELECT indicator_id, site_id,
           max(period) FILTER (WHERE period < $as_of_month) AS last_period,
           count(DISTINCT period) FILTER (WHERE period < $as_of_month) AS months_reported,
           count(*) FILTER (WHERE period = $as_of_month) AS as_of_rows
    FROM entered
    GROUP BY indicator_id, site_id
)
SELECT
    s.indicator_id, s.name_fr, s.name_en, s.domain, s.unit, s.process_id, s.process_name_fr,
    s.process_name_en, s.pilot_user_id, u.display_name AS pilot_name,
    h.site_id, st.name AS site_name,
    CAST($as_of_month AS DATE) AS period_month,
    CAST(h.last_period AS DATE) AS last_period,
    h.months_reported
FROM history h
JOIN scoped_indicator s USING (indicator_id)
JOIN site st ON st.site_id = h.site_id
LEFT JOIN app_user u ON u.user_id = s.pilot_user_id
WHERE h.as_of_rows = 0 AND h.months_reported > 0
ORDER BY s.domain, s.process_id, s.indicator_id, h.site_id
