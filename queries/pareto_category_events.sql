-- One bar of the Pareto: the events in scope that occurred in [$start_on, $end_on] (of the chosen types; every
-- type when $event_types is empty) whose value for the grouping $grouping (allow-listed: category, cause,
-- event_type, site, process, supplier) is $key; most recent first.
-- Events carry no domain: $domains only denies everything when empty.
-- params: $process_ids, $site_ids, $domains (the scope), $start_on, $end_on (dates, both included),
--         $grouping (text), $key (text), $event_types (list of texts)
-- columns: event_id, occurred_on, event_type, site_id, site_name, process_id, severity, cost,
--          cause_label_fr, cause_label_en, title, status
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
)
SELECT
    e.event_id, e.occurred_on, e.event_type,
    e.site_id, s.name AS site_name, e.process_id,
    e.severity, e.cost,
    c.label_fr AS cause_label_fr, c.label_en AS cause_label_en,
    e.title, e.status
FROM event e
JOIN site s USING (site_id)
LEFT JOIN cause c ON c.cause_id = e.cause_id
LEFT JOIN root_category r ON r.cause_id = e.cause_id
WHERE list_contains($process_ids, e.process_id)
  AND list_contains($site_ids, e.site_id)
  AND len($domains) > 0
  AND e.occurred_on BETWEEN $start_on AND $end_on
  AND (len($event_types) = 0 OR list_contains($event_types, e.event_type))
  AND CASE $grouping
          WHEN 'category' THEN r.category
          WHEN 'cause' THEN e.cause_id
          WHEN 'event_type' THEN e.event_type
          WHEN 'site' THEN e.site_id
          WHEN 'process' THEN e.process_id
          WHEN 'supplier' THEN e.supplier
      END = $key
ORDER BY e.occurred_on DESC, e.event_id DESC
