-- Ingest (write): insert the new indicators of the registered frame `ingest_rows` (the indicator columns and
-- `_status`; rows with _status = 'new'), only where the row is in the importer's scope and its id is free.
-- params: $process_ids, $site_ids, $domains (the importer's scope)
-- columns: Count (rows inserted)
INSERT INTO indicator (indicator_id, process_id, domain, kind, name_fr, name_en, unit, polarity, frequency, aggregation, rate_base, definition, definition_en, source, numerator_label_fr, numerator_label_en, denominator_label_fr, denominator_label_en, min_value, max_value, review_input, value_only_rule)
SELECT r.indicator_id, r.process_id, r.domain, r.kind, r.name_fr, r.name_en, r.unit, r.polarity, r.frequency, r.aggregation, r.rate_base, r.definition, r.definition_en, r.source, r.numerator_label_fr, r.numerator_label_en, r.denominator_label_fr, r.denominator_label_en, r.min_value, r.max_value, r.review_input, r.value_only_rule
FROM ingest_rows r
WHERE r._status = 'new'
  AND list_contains($process_ids, r.process_id) AND list_contains($domains, r.domain) AND len($site_ids) > 0
  AND NOT EXISTS (SELECT 1 FROM indicator t WHERE t.indicator_id = r.indicator_id)
