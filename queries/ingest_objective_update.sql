-- Ingest (write): update the stored objectives that the registered frame `ingest_rows` changes (rows with
-- _status = 'updated'), only where both the stored row and its new content are in the importer's scope.
-- The caller writes the before/after of each row to change_log in the same transaction.
-- params: $process_ids, $site_ids, $domains (the importer's scope)
-- columns: Count (rows updated)
UPDATE objective SET
    indicator_id = r.indicator_id,
    site_id = r.site_id,
    baseline = r.baseline,
    target = r.target,
    alert_threshold = r.alert_threshold,
    start_on = r.start_on,
    deadline = r.deadline,
    owner_user_id = r.owner_user_id,
    rationale = r.rationale,
    cost = r.cost,
    expected_benefit = r.expected_benefit,
    tolerance = r.tolerance
FROM ingest_rows r
WHERE objective.objective_id = r.objective_id
  AND r._status = 'updated'
  AND EXISTS (SELECT 1 FROM indicator i WHERE i.indicator_id = r.indicator_id
              AND list_contains($process_ids, i.process_id) AND list_contains($domains, i.domain))
      AND (r.site_id IS NULL OR list_contains($site_ids, r.site_id)) AND len($site_ids) > 0
  AND EXISTS (SELECT 1 FROM indicator i WHERE i.indicator_id = objective.indicator_id
              AND list_contains($process_ids, i.process_id) AND list_contains($domains, i.domain))
      AND (objective.site_id IS NULL OR list_contains($site_ids, objective.site_id)) AND len($site_ids) > 0
