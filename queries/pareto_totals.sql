-- The Pareto's ranking input, aggregated here rather than from ~1 M events held in the server: events in scope
-- that occurred in [$start_on, $end_on] (of the chosen types; every type when $event_types is empty), one row
-- per value of the grouping $grouping (allow-listed: category, cause, event_type, site, process, supplier;
-- any other value groups nothing), the row with a NULL key counting the events with no value for it.
-- Events carry no domain: $domains only denies everything when empty.
-- params: $process_ids, $site_ids, $domains (the scope), $start_on, $end_on (dates, both included),
--         $grouping (text), $event_types (list of texts)
-- columns: key, label_fr, label_en (the key's words when stored: cause label, site name, process name),
--          events (count), cost (sum, a missing cost counts 0), severity (sum, a missing severity counts 0)
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
keyed AS (
    SELECT
        CASE $grouping
            WHEN 'category' THEN r.category
            WHEN 'cause' THEN e.cause_id
            WHEN 'event_type' THEN e.event_type
            WHEN 'site' THEN e.site_id
            WHEN 'process' THEN e.process_id
            WHEN 'supplier' THEN e.supplier
        END AS key,
        CASE $grouping
            WHEN 'cause' THEN c.label_fr
            WHEN 'site' THEN s.name
            WHEN 'process' THEN p.name_fr
        END AS label_fr,
        CASE $grouping
            WHEN 'cause' THEN c.label_en
            WHEN 'site' THEN s.name
            WHEN 'process' THEN p.name_en
        END AS label_en,
        e.cost, e.severity
    FROM event e
    JOIN site s USING (site_id)
    JOIN process p USING (process_id)
    LEFT JOIN cause c ON c.cause_id = e.cause_id
    LEFT JOIN root_category r ON r.cause_id = e.cause_id
    WHERE list_contains($process_ids, e.process_id)
      AND list_contains($site_ids, e.site_id)
      AND len($domains) > 0
      AND e.occurred_on BETWEEN $start_on AND $end_on
      AND (len($event_types) = 0 OR list_contains($event_types, e.event_type))
)
SELECT
    key,
    min(label_fr) AS label_fr,
    min(label_en) AS label_en,
    count(*) AS events,
    sum(coalesce(cost, 0.0)) AS cost,
    sum(coalesce(severity, 0)) AS severity
FROM keyed
GROUP BY key
ORDER BY key NULLS FIRST
