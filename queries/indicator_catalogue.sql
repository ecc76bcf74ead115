-- Indicator catalogue: every indicator the scope allows, with its definition and where its data stands.
-- params: $process_ids, $site_ids, $domains (the scope; an empty list means nothing is allowed)
-- columns: indicator_id, domain, kind, name_fr, name_en, process_id, process_name_fr, process_name_en,
--          process_family, unit, polarity, frequency, aggregation, rate_base, definition (French),
--          definition_en, source, numerator_label_fr, numerator_label_en, denominator_label_fr,
--          denominator_label_en, min_value, max_value, site_count (sites in scope with data), first_period,
--          last_period, target_value, alert_value, tolerance, objective_deadline (latest group objective,
--          site_id NULL)
WITH scoped AS (
    SELECT i.*
    FROM indicator i
    WHERE list_contains($process_ids, i.process_id)
      AND list_contains($domains, i.domain)
      AND len($site_ids) > 0
),
coverage AS (
    SELECT
        m.indicator_id,
        count(DISTINCT m.site_id) AS site_count,
        min(m.period) AS first_period,
        max(m.period) AS last_period
    FROM measurement_current m
    JOIN scoped s USING (indicator_id)
    WHERE list_contains($site_ids, m.site_id)
    GROUP BY m.indicator_id
),
group_objective AS (
    SELECT * EXCLUDE (rn) FROM (
        SELECT
            o.indicator_id,
            o.target AS target_value,
            o.alert_threshold AS alert_value,
            o.tolerance,
            o.deadline AS objective_deadline,
            row_number() OVER (PARTITION BY o.indicator_id ORDER BY o.deadline DESC, o.start_on DESC) AS rn
        FROM objective o
        JOIN scoped s USING (indicator_id)
        WHERE o.site_id IS NULL
    ) WHERE rn = 1
)
SELECT
    s.indicator_id, s.domain, s.kind, s.name_fr, s.name_en,
    s.process_id, p.name_fr AS process_name_fr, p.name_en AS process_name_en, p.family AS process_family,
    s.unit, s.polarity, s.frequency, s.aggregation, s.rate_base, s.definition, s.definition_en, s.source,
    s.numerator_label_fr, s.numerator_label_en, s.denominator_label_fr, s.denominator_label_en,
    s.min_value, s.max_value,
    coalesce(c.site_count, 0) AS site_count, c.first_period, c.last_period,
    g.target_value, g.alert_value, g.tolerance, g.objective_deadline
FROM scoped s
JOIN process p USING (process_id)
LEFT JOIN coverage c USING (indicator_id)
LEFT JOIN group_objective g USING (indicator_id)
ORDER BY CASE s.domain WHEN 'Q' THEN 1 WHEN 'S' THEN 2 ELSE 3 END, s.process_id, s.indicator_id
