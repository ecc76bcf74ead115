-- Audits planned in [$start_on, $end_on] on a site in scope: process audits when their process is in
-- scope; system audits (no process: certification, surveillance) only for a whole-organisation scope.
-- params: $process_ids, $site_ids, $domains (the scope), $start_on, $end_on
-- columns: audit_id, audit_type, standard, scope, site_id, site_name, process_id, planned_on, done_on,
--          nc_major, nc_minor, observations
SELECT a.audit_id, a.audit_type, a.standard, a.scope, a.site_id, s.name AS site_name, a.process_id,
       a.planned_on, a.done_on, a.nc_major, a.nc_minor, a.observations
FROM audit a
LEFT JOIN site s USING (site_id)
WHERE (a.site_id IS NULL OR list_contains($site_ids, a.site_id))
  AND len($domains) > 0
  AND (list_contains($process_ids, a.process_id) OR (a.process_id IS NULL AND (NOT EXISTS (SELECT 1 FROM process WHERE NOT list_contains($process_ids, process_id))
       AND NOT EXISTS (SELECT 1 FROM site WHERE NOT list_contains($site_ids, site_id))
       AND len($domains) = 3) AND len($process_ids) > 0))
  AND a.planned_on BETWEEN $start_on AND $end_on
ORDER BY a.planned_on, a.audit_id
