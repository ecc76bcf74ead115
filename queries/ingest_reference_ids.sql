-- Ingest: the reference ids a file may name, each with whether the importer's scope allows it (an id that
-- exists outside the scope is refused as "not allowed", one that does not exist as "unknown").
-- params: $process_ids, $site_ids, $domains (the importer's scope; empty: nothing),
--         $ids (VARCHAR[]: the event, action and objective ids named in the file)
-- columns: ref_kind ('indicator' | 'site' | 'process' | 'cause' | 'user' | 'event' | 'action' | 'objective'),
--          ref_id, label_fr, label_en, detail (unit of an indicator, country of a site, family of a process,
--          7M category of a cause, role of a user), in_scope (boolean)
WITH allowed AS (
    SELECT len($process_ids) > 0 AND len($site_ids) > 0 AND len($domains) > 0 AS ok
)
SELECT 'indicator' AS ref_kind, i.indicator_id AS ref_id, i.name_fr AS label_fr, i.name_en AS label_en,
       i.unit AS detail, list_contains($process_ids, i.process_id) AND list_contains($domains, i.domain) AS in_scope
FROM indicator i, allowed WHERE allowed.ok
UNION ALL
SELECT 'site', s.site_id, s.name, s.name, s.country, list_contains($site_ids, s.site_id)
FROM site s, allowed WHERE allowed.ok
UNION ALL
SELECT 'process', p.process_id, p.name_fr, p.name_en, p.family, list_contains($process_ids, p.process_id)
FROM process p, allowed WHERE allowed.ok
UNION ALL
SELECT 'cause', c.cause_id, c.label_fr, c.label_en, c.category, true
FROM cause c, allowed WHERE allowed.ok
UNION ALL
SELECT 'user', u.user_id, u.display_name, u.display_name, u.role, true
FROM app_user u, allowed WHERE allowed.ok
UNION ALL
SELECT 'event', e.event_id, e.title, e.title, e.event_type,
       list_contains($process_ids, e.process_id) AND list_contains($site_ids, e.site_id)
FROM event e, allowed WHERE allowed.ok AND list_contains($ids::VARCHAR[], e.event_id)
UNION ALL
SELECT 'action', a.action_id, a.title, a.title, a.action_type,
       list_contains($process_ids, a.process_id) AND (a.site_id IS NULL OR list_contains($site_ids, a.site_id))
FROM action a, allowed WHERE allowed.ok AND list_contains($ids::VARCHAR[], a.action_id)
UNION ALL
SELECT 'objective', o.objective_id, o.rationale, o.rationale, o.indicator_id,
       list_contains($process_ids, i.process_id) AND list_contains($domains, i.domain)
       AND (o.site_id IS NULL OR list_contains($site_ids, o.site_id))
FROM objective o JOIN indicator i USING (indicator_id), allowed
WHERE allowed.ok AND list_contains($ids::VARCHAR[], o.objective_id)
