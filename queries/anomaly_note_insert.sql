-- Write one note on a flagged point; inserts nothing unless the indicator and the site are in scope.
-- params: $process_ids, $site_ids, $domains (the writer's scope), $indicator_id, $site_id, $period (date),
--         $status ('explained' | 'false_alarm' | 'under_investigation'), $note, $noted_by, $noted_at
-- columns: indicator_id, site_id, period, status, note, noted_by, noted_at (the row written, if any)
INSERT INTO anomaly_note (indicator_id, site_id, period, status, note, noted_by, noted_at)
SELECT i.indicator_id, $site_id, $period, $status, $note, $noted_by, $noted_at
FROM indicator i
WHERE i.indicator_id = $indicator_id
  AND list_contains($process_ids, i.process_id)
  AND list_contains($domains, i.domain)
  AND list_contains($site_ids, $site_id)
RETURNING *
