-- The declaration page's list: events in scope recorded (by the form or a file: their change_log insert row)
-- or that occurred since $since, the latest recorded first, then the latest occurred.
-- Events carry no domain: $domains only denies everything when empty.
-- params: $process_ids, $site_ids, $domains (the scope), $since (date)
-- columns: event_id, occurred_on, event_type, site_id, site_name, process_id, process_name_fr,
--          process_name_en, severity, cost, cause_id, cause_label_fr, cause_label_en, cause_category, title,
--          status, supplier, lost_days, recorded_at (null: not recorded through the application),
--          recorded_by_name
WITH recorded AS (
    SELECT row_key AS event_id, min(changed_at) AS recorded_at, arg_min(changed_by, changed_at) AS recorded_by
    FROM change_log
    WHERE table_name = 'event' AND operation = 'insert'
    GROUP BY row_key
)
SELECT
    e.event_id, e.occurred_on, e.event_type,
    e.site_id, s.name AS site_name,
    e.process_id, p.name_fr AS process_name_fr, p.name_en AS process_name_en,
    e.severity, e.cost,
    e.cause_id, c.label_fr AS cause_label_fr, c.label_en AS cause_label_en, c.category AS cause_category,
    e.title, e.status, e.supplier, e.lost_days,
    r.recorded_at, u.display_name AS recorded_by_name
FROM event e
JOIN site s USING (site_id)
JOIN process p USING (process_id)
LEFT JOIN cause c ON c.cause_id = e.cause_id
LEFT JOIN recorded r ON r.event_id = e.event_id
LEFT JOIN app_user u ON u.user_id = r.recorded_by
WHERE list_contains($process_ids, e.process_id)
  AND list_contains($site_ids, e.site_id)
  AND len($domains) > 0
  AND (e.occurred_on >= $since OR r.recorded_at >= $since)
ORDER BY r.recorded_at DESC NULLS LAST, e.occurred_on DESC, e.event_id DESC
