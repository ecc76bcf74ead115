-- The audit trail of a month's closing (write).
-- params: $changed_at, $changed_by, $row_key (the month, YYYY-MM), $after (JSON), $reason (the note)
-- columns: Count (rows written)
INSERT INTO change_log (changed_at, changed_by, table_name, row_key, operation, before, after, reason)
VALUES ($changed_at, $changed_by, 'month_close', $row_key, 'close', NULL, $after, $reason)
