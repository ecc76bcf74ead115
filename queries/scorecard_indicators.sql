-- Indicators in scope with their process, for the scorecard.
-- params: $process_ids, $site_ids, $domains (the scope; an empty list means nothing is allowed)
-- columns: indicator_id, name_fr, name_en, domain, kind, process_id, process_name_fr, process_name_en,
--          unit, polarity, aggregation, rate_base, value_only_rule
SELECT
    i.indicator_id, i.name_fr, i.name_en, i.domain, i.kind, i.process_id,
    p.name_fr AS process_name_fr, p.name_en AS process_name_en,
    i.unit, i.polarity, i.aggregation, i.rate_base, i.value_only_rule
FROM indicator i
JOIN process p USING (process_id)
WHERE list_contains($process_ids, i.process_id)
  AND list_contains($domains, i.domain)
  AND len($site_ids) > 0
ORDER BY i.domain, i.process_id, i.indicator_id
