-- The action plan: every action in scope that was opened up to the end of the as-of month, or that is open
-- today (planned or in progress, whatever its opening date: an action opened this morning from an analysis or
-- a review decision shows even when the month shown is in the past), whatever its origin. An action with
-- no site is its process's, on every site. The names of owners and processes are actions_plan_names.sql
-- (a few rows, not repeated on every action).
-- Actions have no domain column: $domains only denies an empty selection (deny by default).
-- params: $process_ids, $site_ids, $domains, $as_of_month (date, first day of the as-of month)
-- columns: action_id, action_type, origin, origin_id, title, owner_user_id, process_id, site_id, opened_on,
--          due_on, closed_on, status, progress_pct, effectiveness (what the page shows: not the cost or the
--          expected benefit, two columns of 500 000 numbers at enterprise scale)
SELECT
    a.action_id, a.action_type, a.origin, a.origin_id, a.title, a.owner_user_id, a.process_id, a.site_id,
    a.opened_on, a.due_on, a.closed_on, a.status, a.progress_pct, a.effectiveness
FROM action a
WHERE list_contains($process_ids, a.process_id)
  AND a.process_id IN (SELECT process_id FROM process)
  AND (a.site_id IS NULL OR list_contains($site_ids, a.site_id))
  AND len($site_ids) > 0
  AND len($domains) > 0
  AND (a.opened_on < $as_of_month + INTERVAL 1 MONTH OR a.status IN ('planned', 'in_progress'))
-- No ORDER BY: `derive` ranks the actions (ending with action_id, so the order is total); sorting here
-- too held a second copy of 500 000 rows at enterprise scale.
