-- Ingest (write): update the stored indicators that the registered frame `ingest_rows` changes (rows with
-- _status = 'updated'), only where both the stored row and its new content are in the importer's scope.
-- The caller writes the before/after of each row to change_log in the same transaction.
-- params: $process_ids, $site_ids, $domains (the importer's scope)
-- columns: Count (rows updated)
UPDATE indicator SET
    process_id = r.process_id,
    domain = r.domain,
    kind = r.kind,
    name_fr = r.name_fr,
    name_en = r.name_en,
    unit = r.unit,
    polarity = r.polarity,
    frequency = r.frequency,
    aggregation = r.aggregation,
    rate_base = r.rate_base,
    definition = r.definition,
    definition_en = r.definition_en,
    source = r.source,
    numerator_label_fr = r.numerator_label_fr,
    numerator_label_en = r.numerator_label_en,
    denominator_label_fr = r.denominator_label_fr,
    denominator_label_en = r.denominator_label_en,
    min_value = r.min_value,
    max_value = r.max_value,
    review_input = r.review_input,
    value_only_rule = r.value_only_rule
FROM ingest_rows r
WHERE indicator.indicator_id = r.indicator_id
  AND r._status = 'updated'
  AND list_contains($process_ids, r.process_id) AND list_contains($domains, r.domain) AND len($site_ids) > 0
  AND list_contains($process_ids, indicator.process_id) AND list_contains($domains, indicator.domain) AND len($site_ids) > 0
