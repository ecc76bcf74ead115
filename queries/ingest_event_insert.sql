-- Ingest (write): insert the new events of the registered frame `ingest_rows` (the event columns and
-- `_status`; rows with _status = 'new'), only where the row is in the importer's scope and its id is free.
-- params: $process_ids, $site_ids, $domains (the importer's scope)
-- columns: Count (rows inserted)
INSERT INTO event (event_id, event_type, site_id, process_id, occurred_on, severity, cost, cause_id, title, description, status, supplier, lost_days)
SELECT r.event_id, r.event_type, r.site_id, r.process_id, r.occurred_on, r.severity, r.cost, r.cause_id, r.title, r.description, r.status, r.supplier, r.lost_days
FROM ingest_rows r
WHERE r._status = 'new'
  AND list_contains($process_ids, r.process_id) AND list_contains($site_ids, r.site_id) AND len($domains) > 0
  AND NOT EXISTS (SELECT 1 FROM event t WHERE t.event_id = r.event_id)
