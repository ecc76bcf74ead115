-- Ingest (write): update the stored events that the registered frame `ingest_rows` changes (rows with
-- _status = 'updated'), only where both the stored row and its new content are in the importer's scope.
-- The caller writes the before/after of each row to change_log in the same transaction.
-- params: $process_ids, $site_ids, $domains (the importer's scope)
-- columns: Count (rows updated)
UPDATE event SET
    event_type = r.event_type,
    site_id = r.site_id,
    process_id = r.process_id,
    occurred_on = r.occurred_on,
    severity = r.severity,
    cost = r.cost,
    cause_id = r.cause_id,
    title = r.title,
    description = r.description,
    status = r.status,
    supplier = r.supplier,
    lost_days = r.lost_days
FROM ingest_rows r
WHERE event.event_id = r.event_id
  AND r._status = 'updated'
  AND list_contains($process_ids, r.process_id) AND list_contains($site_ids, r.site_id) AND len($domains) > 0
  AND list_contains($process_ids, event.process_id) AND list_contains($site_ids, event.site_id) AND len($domains) > 0
