-- Events in scope with a known cause, up to the end of the as-of month (causes and actions page).
-- Events have no domain column: $domains only denies an empty selection (deny by default).
-- params: $process_ids, $site_ids, $domains, $as_of_month (date, first day of the as-of month)
-- columns: event_id, event_type, occurred_on, severity, cost, site_id, site_name, process_id, cause_id,
--          cause_label_fr, cause_label_en, category, root_cause_id, root_label_fr, root_label_en
WITH scoped AS (
    SELECT e.event_id, e.event_type, e.occurred_on, e.severity, e.cost, e.site_id, e.process_id, e.cause_id
    FROM event e
    WHERE list_contains($process_ids, e.process_id)
      AND list_contains($site_ids, e.site_id)
      AND len($domains) > 0
      AND e.cause_id IS NOT NULL
      AND e.occurred_on < $as_of_month + INTERVAL 1 MONTH
),
roots AS (
    SELECT category, min(cause_id) AS root_cause_id, min(label_fr) AS root_label_fr,
           min(label_en) AS root_label_en
    FROM cause
    WHERE parent_id IS NULL
    GROUP BY category
)
SELECT
    s.event_id,
    s.event_type,
    s.occurred_on,
    s.severity,
    s.cost,
    s.site_id,
    st.name AS site_name,
    s.process_id,
    s.cause_id,
    c.label_fr AS cause_label_fr,
    c.label_en AS cause_label_en,
    c.category,
    r.root_cause_id,
    r.root_label_fr,
    r.root_label_en
FROM scoped s
JOIN cause c USING (cause_id)
LEFT JOIN roots r ON r.category = c.category
LEFT JOIN site st ON st.site_id = s.site_id
ORDER BY s.occurred_on, s.event_id
