-- Events in scope that occurred in [$start_on, $end_on], with what a Pareto groups them by: site, process,
-- event type, supplier, the cause and the 7M category of the cause's root ancestor (the top of its tree).
-- Events carry no domain: $domains only denies everything when empty.
-- params: $process_ids, $site_ids, $domains (the scope), $start_on, $end_on (dates, both included)
-- columns: event_id, occurred_on, event_type, site_id, site_name, process_id, process_name_fr,
--          process_name_en, severity, cost, cause_id, cause_label_fr, cause_label_en, cause_category,
--          supplier, title, status
WITH RECURSIVE ancestry AS (
    SELECT cause_id, parent_id, category, 0 AS depth
    FROM cause
    UNION ALL
    SELECT a.cause_id, p.parent_id, p.category, a.depth + 1
    FROM ancestry a
    JOIN cause p ON p.cause_id = a.parent_id
    WHERE a.depth < 20
),
root_category AS (
    SELECT cause_id, arg_max(category, depth) AS category
    FROM ancestry
    GROUP BY cause_id
),
events AS (
    SELECT *
    FROM event
    WHERE list_contains($process_ids, process_id)
      AND list_contains($site_ids, site_id)
      AND len($domains) > 0
      AND occurred_on BETWEEN $start_on AND $end_on
)
SELECT
    e.event_id, e.occurred_on, e.event_type,
    e.site_id, s.name AS site_name,
    e.process_id, p.name_fr AS process_name_fr, p.name_en AS process_name_en,
    e.severity, e.cost,
    e.cause_id, c.label_fr AS cause_label_fr, c.label_en AS cause_label_en,
    r.category AS cause_category,
    e.supplier, e.title, e.status
FROM events e
JOIN site s USING (site_id)
JOIN process p USING (process_id)
LEFT JOIN cause c ON c.cause_id = e.cause_id
LEFT JOIN root_category r ON r.cause_id = e.cause_id
ORDER BY e.occurred_on, e.event_id
