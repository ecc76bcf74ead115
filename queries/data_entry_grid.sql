-- What a person may enter for one month: every monthly indicator × site in scope, with the current value
-- (if any) and its version, the indicator's unit, polarity and possible range, ratio labels.
-- params: $process_ids, $site_ids, $domains, $period (date, first day of the month)
-- columns: indicator_id, name_fr, name_en, process_id, unit, aggregation, rate_base, min_value, max_value,
--          numerator_label_fr, numerator_label_en, denominator_label_fr, denominator_label_en,
--          value_only_rule (a ratio that may be entered as a value alone: how it aggregates), site_id,
--          site_name, value, numerator, denominator, comment, version, entered_by, entered_at
WITH scoped_indicator AS (
    SELECT *
    FROM indicator
    WHERE list_contains($process_ids, process_id)
      AND list_contains($domains, domain)
      AND frequency = 'monthly'
),
scoped_site AS (
    SELECT site_id, name AS site_name FROM site WHERE list_contains($site_ids, site_id)
),
current_value AS (
    SELECT m.*
    FROM measurement_current m
    WHERE m.period = $period
)
SELECT
    i.indicator_id, i.name_fr, i.name_en, i.process_id, i.unit, i.aggregation, i.rate_base, i.min_value,
    i.max_value, i.numerator_label_fr, i.numerator_label_en, i.denominator_label_fr, i.denominator_label_en,
    i.value_only_rule,
    s.site_id, s.site_name, c.value, c.numerator, c.denominator, c.comment, c.version, c.entered_by, c.entered_at
FROM scoped_indicator i
CROSS JOIN scoped_site s
LEFT JOIN current_value c ON c.indicator_id = i.indicator_id AND c.site_id = s.site_id
ORDER BY i.process_id, i.indicator_id, s.site_id
