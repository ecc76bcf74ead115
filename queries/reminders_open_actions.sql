-- Open actions in scope with a due date on or before $due_by (planned or in progress, not closed): the
-- reminders of their owners (due within 7 days, overdue) and the QSE lead's escalations (30 days overdue).
-- Actions have no domain column: $domains only denies an empty selection (deny by default).
-- params: $process_ids, $site_ids, $domains, $due_by (date)
-- columns: action_id, action_type, title, owner_user_id, owner_name, process_id, process_name_fr,
--          process_name_en, pilot_user_id, site_id, site_name, opened_on, due_on, status, progress_pct
SELECT
    a.action_id, a.action_type, a.title, a.owner_user_id, u.display_name AS owner_name, a.process_id,
    p.name_fr AS process_name_fr, p.name_en AS process_name_en, p.pilot_user_id, a.site_id,
    s.name AS site_name, a.opened_on, a.due_on, a.status, a.progress_pct
FROM action a
JOIN process p USING (process_id)
LEFT JOIN site s ON s.site_id = a.site_id
LEFT JOIN app_user u ON u.user_id = a.owner_user_id
WHERE list_contains($process_ids, a.process_id)
  AND (a.site_id IS NULL OR list_contains($site_ids, a.site_id))
  AND len($site_ids) > 0
  AND len($domains) > 0
  AND a.status IN ('planned', 'in_progress')
  AND a.closed_on IS NULL
  AND a.due_on IS NOT NULL
  AND a.due_on <= $due_by
ORDER BY a.due_on, a.action_id
