-- Open an action from where a problem is seen (an indicator, an anomaly flag, a cause, a Pareto category,
-- an objective), on a process in the writer's scope; nothing is written otherwise. The scope is checked here,
-- not only by the page: the process is the writer's; a site, when given, is theirs, and no site (the whole
-- process, on every site) needs every site in their scope; the writer is not a viewer; the owner may act on
-- the process (a director, the QSE lead, or a pilot of it); the id is new.
-- Actions have no domain column: $domains only denies an empty selection (deny by default).
-- params: $process_ids, $site_ids, $domains (the writer's scope), $writer_user_id, $action_id, $action_type,
--         $origin, $origin_id, $title, $owner_user_id, $process_id, $site_id, $opened_on, $due_on
-- columns: every action column (the row written, if any)
INSERT INTO action (
    action_id, action_type, origin, origin_id, title, owner_user_id, process_id, site_id, opened_on, due_on,
    closed_on, status, progress_pct, cost, expected_benefit, effectiveness
)
SELECT $action_id, $action_type, $origin, $origin_id, $title, $owner_user_id, $process_id, $site_id,
       $opened_on, $due_on, NULL, 'planned', 0, NULL, NULL, 'not_checked'
WHERE list_contains($process_ids, $process_id)
  AND EXISTS (SELECT 1 FROM process WHERE process_id = $process_id)
  AND len($site_ids) > 0
  AND len($domains) > 0
  AND (CASE WHEN $site_id IS NULL
            THEN NOT EXISTS (SELECT 1 FROM site WHERE NOT list_contains($site_ids, site_id))
            ELSE list_contains($site_ids, $site_id) AND EXISTS (SELECT 1 FROM site WHERE site_id = $site_id)
       END)
  AND EXISTS (SELECT 1 FROM app_user WHERE user_id = $writer_user_id AND role <> 'viewer')
  AND EXISTS (
      SELECT 1 FROM app_user u
      WHERE u.user_id = $owner_user_id
        AND (u.role IN ('director', 'qse_lead')
             OR (u.role = 'pilot'
                 AND EXISTS (SELECT 1 FROM user_scope s
                             WHERE s.user_id = u.user_id AND s.process_id = $process_id)))
  )
  AND NOT EXISTS (SELECT 1 FROM action WHERE action_id = $action_id)
RETURNING *
