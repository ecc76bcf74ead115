-- Ingest (write): insert the new objectives of the registered frame `ingest_rows` (the objective columns and
-- `_status`; rows with _status = 'new'), only where the row is in the importer's scope and its id is free.
-- params: $process_ids, $site_ids, $domains (the importer's scope)
-- columns: Count (rows inserted)
INSERT INTO objective (objective_id, indicator_id, site_id, baseline, target, alert_threshold, start_on, deadline, owner_user_id, rationale, cost, expected_benefit, tolerance)
SELECT r.objective_id, r.indicator_id, r.site_id, r.baseline, r.target, r.alert_threshold, r.start_on, r.deadline, r.owner_user_id, r.rationale, r.cost, r.expected_benefit, r.tolerance
FROM ingest_rows r
WHERE r._status = 'new'
  AND EXISTS (SELECT 1 FROM indicator i WHERE i.indicator_id = r.indicator_id
              AND list_contains($process_ids, i.process_id) AND list_contains($domains, i.domain))
      AND (r.site_id IS NULL OR list_contains($site_ids, r.site_id)) AND len($site_ids) > 0
  AND NOT EXISTS (SELECT 1 FROM objective t WHERE t.objective_id = r.objective_id)
