-- Update the follow-up fields of one action (status, progress, closing date, effectiveness check) — only
-- if the action is in the writer's scope (its process, and its site when it has one); nothing otherwise.
-- Actions have no domain column: $domains only denies an empty selection (deny by default).
-- params: $process_ids, $site_ids, $domains (the writer's scope), $action_id, $status, $progress_pct,
--         $closed_on (date or NULL), $effectiveness ('effective' | 'not_effective' | 'not_checked' | NULL)
-- columns: Count (rows updated: 1, or 0 when refused)
-- No RETURNING: in DuckDB 2.0 an UPDATE … RETURNING on a table with a primary key is not checked against a
-- concurrent transaction's update of the same row, and one of the two is lost (issue 11); without it, the
-- second writer gets "Conflict on update" and retries. The caller re-reads the row in its transaction.
UPDATE action
SET status = $status,
    progress_pct = $progress_pct,
    closed_on = $closed_on,
    effectiveness = $effectiveness
WHERE action_id = $action_id
  AND list_contains($process_ids, process_id)
  AND (site_id IS NULL OR list_contains($site_ids, site_id))
  AND len($site_ids) > 0
  AND len($domains) > 0
