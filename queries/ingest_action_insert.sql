-- Ingest (write): insert the new actions of the registered frame `ingest_rows` (the action columns and
-- `_status`; rows with _status = 'new'), only where the row is in the importer's scope and its id is free.
-- params: $process_ids, $site_ids, $domains (the importer's scope)
-- columns: Count (rows inserted)
INSERT INTO action (action_id, action_type, origin, origin_id, title, owner_user_id, process_id, site_id, opened_on, due_on, closed_on, status, progress_pct, cost, expected_benefit, effectiveness)
SELECT r.action_id, r.action_type, r.origin, r.origin_id, r.title, r.owner_user_id, r.process_id, r.site_id, r.opened_on, r.due_on, r.closed_on, r.status, r.progress_pct, r.cost, r.expected_benefit, r.effectiveness
FROM ingest_rows r
WHERE r._status = 'new'
  AND list_contains($process_ids, r.process_id) AND (r.site_id IS NULL OR list_contains($site_ids, r.site_id))
      AND len($site_ids) > 0 AND len($domains) > 0
  AND NOT EXISTS (SELECT 1 FROM action t WHERE t.action_id = r.action_id)
