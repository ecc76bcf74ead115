-- Who may own an action on one process of the writer's scope: directors, the QSE lead and the pilots of that
-- process (the process's own pilot flagged: the default owner). Nothing for a process outside the scope.
-- Actions have no domain column: $domains only denies an empty selection (deny by default).
-- params: $process_ids, $site_ids, $domains (the writer's scope), $process_id
-- columns: process_id, user_id, display_name, role, is_process_pilot
SELECT
    p.process_id,
    u.user_id,
    u.display_name,
    u.role,
    u.user_id IS NOT DISTINCT FROM p.pilot_user_id AS is_process_pilot
FROM process p
JOIN app_user u
  ON u.role IN ('director', 'qse_lead')
  OR (u.role = 'pilot'
      AND EXISTS (SELECT 1 FROM user_scope s WHERE s.user_id = u.user_id AND s.process_id = p.process_id))
WHERE p.process_id = $process_id
  AND list_contains($process_ids, p.process_id)
  AND len($site_ids) > 0
  AND len($domains) > 0
ORDER BY is_process_pilot DESC,
         CASE u.role WHEN 'pilot' THEN 1 WHEN 'qse_lead' THEN 2 WHEN 'director' THEN 3 ELSE 4 END,
         u.display_name, u.user_id
