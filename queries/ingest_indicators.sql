-- Ingest: the indicators the importer's scope allows, every column (validation of measurements: aggregation,
-- rate_base, min_value, max_value; the indicators file's current rows; the template's reference sheet).
-- params: $process_ids, $site_ids, $domains (the importer's scope; empty: nothing)
-- columns: every indicator column (indicator_id, process_id, domain, kind, name_fr, name_en, unit, polarity,
--          frequency, aggregation, rate_base, definition, definition_en, source, numerator/denominator labels,
--          min_value, max_value, review_input, value_only_rule)
SELECT i.*
FROM indicator i
WHERE list_contains($process_ids, i.process_id)
  AND list_contains($domains, i.domain)
  AND len($site_ids) > 0
ORDER BY i.indicator_id
