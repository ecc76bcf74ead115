-- Indicators the scope allows, every stored column, for the objectives and indicators management page.
-- params: $process_ids, $site_ids, $domains (the scope; an empty list means nothing is allowed)
-- columns: indicator_id, process_id, domain, kind, name_fr, name_en, unit, polarity, frequency, aggregation,
--          rate_base, definition (French), definition_en, source, numerator_label_fr, numerator_label_en,
--          denominator_label_fr, denominator_label_en, min_value, max_value, review_input,
--          value_only_rule
SELECT
    i.indicator_id, i.process_id, i.domain, i.kind, i.name_fr, i.name_en, i.unit, i.polarity, i.frequency,
    i.aggregation, i.rate_base, i.definition, i.definition_en, i.source,
    i.numerator_label_fr, i.numerator_label_en, i.denominator_label_fr, i.denominator_label_en,
    i.min_value, i.max_value, i.review_input, i.value_only_rule
FROM indicator i
WHERE list_contains($process_ids, i.process_id)
  AND list_contains($domains, i.domain)
  AND len($site_ids) > 0
ORDER BY CASE i.domain WHEN 'Q' THEN 1 WHEN 'S' THEN 2 ELSE 3 END, i.process_id, i.indicator_id
