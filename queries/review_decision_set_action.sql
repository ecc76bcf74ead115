-- Link a decision to the action opened for it (once: a decision already carried by an action is left alone).
-- params: $process_ids, $site_ids, $domains (the writer's scope), $decision_id,
--         $action_id
-- columns: Count (rows updated: 1, or 0 when refused)
-- No RETURNING: in DuckDB 2.0 an UPDATE … RETURNING on a table with a primary key is not checked against a
-- concurrent transaction's update of the same row, and one of the two is lost (issue 11); without it, the
-- second writer gets "Conflict on update" and retries. The caller re-reads the row in its transaction.
UPDATE review_decision
SET action_id = $action_id
WHERE decision_id = $decision_id
  AND action_id IS NULL
  AND (NOT EXISTS (SELECT 1 FROM process WHERE NOT list_contains($process_ids, process_id))
       AND NOT EXISTS (SELECT 1 FROM site WHERE NOT list_contains($site_ids, site_id))
       AND len($domains) = 3) AND list_contains($process_ids, process_id)
  AND len($site_ids) > 0 AND len($domains) > 0
