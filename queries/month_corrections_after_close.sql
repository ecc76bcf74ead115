-- Values entered in scope after a month was closed, for periods up to that month: the corrections the review
-- pack lists. A version entered after the close time is one; who, when and why come from the measurement and,
-- where the entry was logged, from change_log (row_key indicator/site/YYYY-MM-DD at the same time).
-- params: $process_ids, $site_ids, $domains, $period (the closed month), $closed_at (its close time)
-- columns: indicator_id, name_fr, name_en, site_id, site_name, period_month, value, version, entered_by,
--          entered_by_name, entered_at, reason
WITH after_close AS (
    SELECT m.indicator_id, m.site_id, m.period, m.value, m.version, m.entered_by, m.entered_at,
           i.name_fr, i.name_en
    FROM measurement m
    JOIN indicator i USING (indicator_id)
    WHERE list_contains($process_ids, i.process_id)
      AND list_contains($domains, i.domain)
      AND list_contains($site_ids, m.site_id)
      AND m.period <= $period
      AND m.entered_at > $closed_at
),
logged AS (
    SELECT row_key, changed_at, max(reason) AS reason
    FROM change_log
    WHERE table_name = 'measurement' AND changed_at > $closed_at
    GROUP BY row_key, changed_at
)
SELECT a.indicator_id, a.name_fr, a.name_en, a.site_id, s.name AS site_name, a.period AS period_month,
       a.value, a.version, a.entered_by, u.display_name AS entered_by_name, a.entered_at, l.reason
FROM after_close a
JOIN site s ON s.site_id = a.site_id
LEFT JOIN app_user u ON u.user_id = a.entered_by
LEFT JOIN logged l
       ON l.row_key = a.indicator_id || '/' || a.site_id || '/' || strftime(a.period, '%Y-%m-%d')
      AND l.changed_at = a.entered_at
ORDER BY a.entered_at, a.indicator_id, a.site_id, a.period
