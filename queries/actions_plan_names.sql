-- The names beside the action plan's ids: each process in scope (kind 'process': French and English names)
-- and each owner of an action of the plan (actions_plan.sql's rule; kind 'owner': their display name in
-- both), once each.
-- Actions have no domain column: $domains only denies an empty selection (deny by default).
-- params: $process_ids, $site_ids, $domains, $as_of_month (date, first day of the as-of month)
-- columns: kind, id, name_fr, name_en
WITH owners AS (
    SELECT DISTINCT a.owner_user_id
    FROM action a
    WHERE list_contains($process_ids, a.process_id)
      AND (a.site_id IS NULL OR list_contains($site_ids, a.site_id))
      AND len($site_ids) > 0
      AND len($domains) > 0
      AND (a.opened_on < $as_of_month + INTERVAL 1 MONTH OR a.status IN ('planned', 'in_progress'))
)
SELECT 'process' AS kind, p.process_id AS id, p.name_fr, p.name_en
FROM process p
WHERE list_contains($process_ids, p.process_id)
  AND len($site_ids) > 0
  AND len($domains) > 0
UNION ALL
SELECT 'owner' AS kind, u.user_id AS id, u.display_name AS name_fr, u.display_name AS name_en
FROM app_user u
JOIN owners o ON o.owner_user_id = u.user_id
ORDER BY kind, id
