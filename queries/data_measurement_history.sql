-- Every version of one measurement (indicator, site, month), newest first, with who entered it, when, from
-- which import (NULL: typed in the entry form) and why it changed (the change_log reason, if any).
-- params: $process_ids, $site_ids, $domains, $indicator_id, $site_id, $period (date, first day of the month)
-- columns: version, value, numerator, denominator, comment, entered_by, entered_by_name, entered_at,
--          import_id, file_name, reason
SELECT
    m.version, m.value, m.numerator, m.denominator, m.comment, m.entered_by, u.display_name AS entered_by_name,
    m.entered_at, m.import_id, b.file_name,
    (
        SELECT arg_max(c.reason, c.changed_at)
        FROM change_log c
        WHERE c.table_name = 'measurement'
          AND c.row_key = m.indicator_id || '/' || m.site_id || '/' || strftime(m.period, '%Y-%m-%d')
          AND TRY_CAST(json_extract_string(c.after, '$.version') AS INTEGER) = m.version
    ) AS reason
FROM measurement m
JOIN indicator i USING (indicator_id)
LEFT JOIN app_user u ON u.user_id = m.entered_by
LEFT JOIN import_batch b ON b.import_id = m.import_id
WHERE m.indicator_id = $indicator_id
  AND m.site_id = $site_id
  AND m.period = $period
  AND list_contains($process_ids, i.process_id)
  AND list_contains($domains, i.domain)
  AND list_contains($site_ids, m.site_id)
ORDER BY m.version DESC
