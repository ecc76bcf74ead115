-- Completeness of the monthly values over [$start_month, $end_month]: every (indicator, site) pair in scope
-- that reported at least once in the 12 months before $start_month, for each month, whether its value is
-- there on time (entered by day $due_day of the following month), late, or still missing.
-- params: $process_ids, $site_ids, $domains, $start_month, $end_month (dates, first days of months),
--         $due_day (integer, day of the following month by which a value is due)
-- columns: indicator_id, name_fr, name_en, process_id, process_name_fr, process_name_en, pilot_user_id,
--          pilot_name, site_id, site_name, period_month, state ('on_time' | 'late' | 'missing'), entered_at
WITH scoped_indicator AS (
    SELECT i.indicator_id, i.name_fr, i.name_en, i.process_id,
           p.name_fr AS process_name_fr, p.name_en AS process_name_en, p.pilot_user_id
    FROM indicator i
    JOIN process p USING (process_id)
    WHERE list_contains($process_ids, i.process_id)
      AND list_contains($domains, i.domain)
      AND i.frequency = 'monthly'
),
expected_pair AS (
    SELECT DISTINCT m.indicator_id, m.site_id
    FROM measurement_current m
    JOIN scoped_indicator s USING (indicator_id)
    WHERE list_contains($site_ids, m.site_id)
      AND m.period >= $start_month - INTERVAL 12 MONTH AND m.period < $start_month
),
months AS (
    SELECT CAST(unnest(generate_series($start_month, $end_month, INTERVAL 1 MONTH)) AS DATE) AS period_month
),
first_entry AS (
    -- The first version's entry time: a later correction does not make a value late.
    SELECT indicator_id, site_id, period, min(entered_at) AS entered_at
    FROM measurement
    WHERE period BETWEEN $start_month AND $end_month
      AND (value IS NOT NULL OR numerator IS NOT NULL)
    GROUP BY indicator_id, site_id, period
)
SELECT
    s.indicator_id, s.name_fr, s.name_en, s.process_id, s.process_name_fr, s.process_name_en,
    s.pilot_user_id, u.display_name AS pilot_name, e.site_id, st.name AS site_name, mo.period_month,
    CASE
        WHEN f.entered_at IS NULL THEN 'missing'
        WHEN f.entered_at >= mo.period_month + INTERVAL 1 MONTH + to_days($due_day) THEN 'late'
        ELSE 'on_time'
    END AS state,
    f.entered_at
FROM expected_pair e
CROSS JOIN months mo
JOIN scoped_indicator s USING (indicator_id)
JOIN site st ON st.site_id = e.site_id
LEFT JOIN app_user u ON u.user_id = s.pilot_user_id
LEFT JOIN first_entry f ON f.indicator_id = e.indicator_id AND f.site_id = e.site_id AND f.period = mo.period_month
ORDER BY s.process_id, s.indicator_id, e.site_id, mo.period_month
