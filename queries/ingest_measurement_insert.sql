-- Ingest (write): append the measurements of the registered frame `ingest_rows` (indicator_id, site_id, period,
-- value, numerator, denominator, comment) as version 1 for a new key, or current version + 1 when the value,
-- numerator, denominator or comment changed; unchanged rows and rows outside the scope are not written.
-- Set-based: one statement for the whole file.
-- params: $process_ids, $site_ids, $domains (the importer's scope), $entered_by, $entered_at (timestamp),
--         $import_id
-- columns: Count (rows inserted)
INSERT INTO measurement (indicator_id, site_id, period, value, numerator, denominator, comment,
                         entered_by, entered_at, version, import_id)
WITH incoming AS (
    SELECT r.indicator_id, r.site_id, r.period, r.value, r.numerator, r.denominator, r.comment
    FROM ingest_rows r
    JOIN indicator i ON i.indicator_id = r.indicator_id
    WHERE list_contains($process_ids, i.process_id)
      AND list_contains($domains, i.domain)
      AND list_contains($site_ids, r.site_id)
),
latest AS (
    SELECT m.indicator_id, m.site_id, m.period, m.value, m.numerator, m.denominator, m.comment, m.version
    FROM measurement_current m
    SEMI JOIN incoming n USING (indicator_id, site_id, period)
)
SELECT n.indicator_id, n.site_id, n.period, n.value, n.numerator, n.denominator, n.comment,
       $entered_by, $entered_at, coalesce(c.version, 0) + 1, $import_id
FROM incoming n
LEFT JOIN latest c USING (indicator_id, site_id, period)
WHERE c.version IS NULL
   OR n.value IS DISTINCT FROM c.value
   OR n.numerator IS DISTINCT FROM c.numerator
   OR n.denominator IS DISTINCT FROM c.denominator
   OR n.comment IS DISTINCT FROM c.comment
