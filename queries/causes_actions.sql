-- Actions in scope (by the action's process and site) opened on an event, with the event's cause,
-- up to the end of the as-of month (causes and actions page).
-- Actions have no domain column: $domains only denies an empty selection (deny by default).
-- params: $process_ids, $site_ids, $domains, $as_of_month (date, first day of the as-of month)
-- columns: action_id, action_type, title, status, opened_on, due_on, closed_on, progress_pct,
--          effectiveness, owner_user_id, owner_name, process_id, site_id, event_id, event_occurred_on,
--          cause_id
SELECT
    a.action_id,
    a.action_type,
    a.title,
    a.status,
    a.opened_on,
    a.due_on,
    a.closed_on,
    a.progress_pct,
    a.effectiveness,
    a.owner_user_id,
    u.display_name AS owner_name,
    a.process_id,
    coalesce(a.site_id, e.site_id) AS site_id,
    e.event_id,
    e.occurred_on AS event_occurred_on,
    e.cause_id
FROM action a
JOIN event e ON a.origin = 'event' AND e.event_id = a.origin_id
LEFT JOIN app_user u ON u.user_id = a.owner_user_id
WHERE list_contains($process_ids, a.process_id)
  AND list_contains($site_ids, coalesce(a.site_id, e.site_id))
  AND len($domains) > 0
  AND e.cause_id IS NOT NULL
  AND a.opened_on < $as_of_month + INTERVAL 1 MONTH
ORDER BY a.opened_on DESC, a.action_id DESC  -- the page's order: the most recent first
