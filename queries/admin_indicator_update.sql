-- Change one indicator (not its identifier); updates nothing unless the indicator, as it is and as it will
-- be, is in the writer's scope (process and domain).
-- params: $process_ids, $site_ids, $domains (the writer's scope), $indicator_id, $process_id, $domain, $kind,
--         $name_fr, $name_en, $unit, $polarity, $frequency, $aggregation, $rate_base, $definition,
--         $definition_en, $source, $numerator_label_fr, $numerator_label_en, $denominator_label_fr,
--         $denominator_label_en, $min_value, $max_value, $review_input, $value_only_rule
-- columns: Count (rows updated: 1, or 0 when refused)
-- No RETURNING: in DuckDB 2.0 an UPDATE … RETURNING on a table with a primary key is not checked against a
-- concurrent transaction's update of the same row, and one of the two is lost (issue 11); without it, the
-- second writer gets "Conflict on update" and retries. The caller re-reads the row in its transaction.
UPDATE indicator
SET process_id = $process_id, domain = $domain, kind = $kind, name_fr = $name_fr, name_en = $name_en,
    unit = $unit, polarity = $polarity, frequency = $frequency, aggregation = $aggregation,
    rate_base = $rate_base, definition = $definition, definition_en = $definition_en, source = $source,
    numerator_label_fr = $numerator_label_fr, numerator_label_en = $numerator_label_en,
    denominator_label_fr = $denominator_label_fr, denominator_label_en = $denominator_label_en,
    min_value = $min_value, max_value = $max_value, review_input = $review_input,
    value_only_rule = $value_only_rule
WHERE indicator_id = $indicator_id
  AND list_contains($process_ids, process_id)
  AND list_contains($domains, domain)
  AND list_contains($process_ids, $process_id)
  AND list_contains($domains, $domain)
  AND EXISTS (SELECT 1 FROM process p WHERE p.process_id = $process_id)
  AND len($site_ids) > 0
