-- The labels of the causes of the events in scope up to the end of the as-of month (causes and actions
-- page), with their category's root cause: one row per cause.
-- Events have no domain column: $domains only denies an empty selection (deny by default).
-- params: $process_ids, $site_ids, $domains, $as_of_month (date, first day of the as-of month)
-- columns: cause_id, cause_label_fr, cause_label_en, category, root_label_fr, root_label_en
WITH used AS (
    SELECT DISTINCT e.cause_id
    FROM event e
    WHERE list_contains($process_ids, e.process_id)
      AND list_contains($site_ids, e.site_id)
      AND len($domains) > 0
      AND e.cause_id IS NOT NULL
      AND e.occurred_on < $as_of_month + INTERVAL 1 MONTH
),
roots AS (
    SELECT category, min(label_fr) AS root_label_fr, min(label_en) AS root_label_en
    FROM cause
    WHERE parent_id IS NULL
    GROUP BY category
)
SELECT c.cause_id, c.label_fr AS cause_label_fr, c.label_en AS cause_label_en, c.category,
       r.root_label_fr, r.root_label_en
FROM used u
JOIN cause c USING (cause_id)
LEFT JOIN roots r ON r.category = c.category
ORDER BY c.cause_id
