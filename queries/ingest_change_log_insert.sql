-- Ingest (write): the audit trail of an import, from the registered frame `ingest_log` (changed_at, changed_by,
-- table_name, row_key, operation, before, after, reason): one row per inserted or updated event, action,
-- indicator or objective, and per measurement entered with a reason.
-- params: $process_ids, $site_ids, $domains (the importer's scope; empty: nothing written)
-- columns: Count (rows written)
INSERT INTO change_log (changed_at, changed_by, table_name, row_key, operation, before, after, reason)
SELECT l.changed_at, l.changed_by, l.table_name, l.row_key, l.operation, l.before, l.after, l.reason
FROM ingest_log l
WHERE len($process_ids) > 0 AND len($site_ids) > 0 AND len($domains) > 0
  AND l.table_name IN ('measurement', 'event', 'action', 'indicator', 'objective')
