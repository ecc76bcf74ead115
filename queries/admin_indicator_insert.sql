-- Create one indicator; inserts nothing unless its process and domain are in the writer's scope and the
-- identifier is free.
-- params: $process_ids, $site_ids, $domains (the writer's scope), $indicator_id, $process_id, $domain, $kind,
--         $name_fr, $name_en, $unit, $polarity, $frequency, $aggregation, $rate_base, $definition,
--         $definition_en, $source, $numerator_label_fr, $numerator_label_en, $denominator_label_fr,
--         $denominator_label_en, $min_value, $max_value, $review_input, $value_only_rule
-- columns: every indicator column (the row written, if any)
INSERT INTO indicator (
    indicator_id, process_id, domain, kind, name_fr, name_en, unit, polarity, frequency, aggregation,
    rate_base, definition, definition_en, source, numerator_label_fr, numerator_label_en,
    denominator_label_fr, denominator_label_en, min_value, max_value, review_input, value_only_rule
)
SELECT
    $indicator_id, p.process_id, $domain, $kind, $name_fr, $name_en, $unit, $polarity, $frequency,
    $aggregation, $rate_base, $definition, $definition_en, $source, $numerator_label_fr, $numerator_label_en,
    $denominator_label_fr, $denominator_label_en, $min_value, $max_value, $review_input, $value_only_rule
FROM process p
WHERE p.process_id = $process_id
  AND list_contains($process_ids, p.process_id)
  AND list_contains($domains, $domain)
  AND len($site_ids) > 0
  AND NOT EXISTS (SELECT 1 FROM indicator x WHERE x.indicator_id = $indicator_id)
RETURNING *
