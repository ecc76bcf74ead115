-- The QSE lead's qualitative inputs to one review, the latest text per item (organisation-level: only a
-- whole-organisation scope reads them).
-- params: $process_ids, $site_ids, $domains (the scope), $review_id
-- columns: input_ref, text, written_by, writer_name, written_at
SELECT i.input_ref, arg_max(i.text, i.written_at) AS text, arg_max(i.written_by, i.written_at) AS written_by,
       arg_max(u.display_name, i.written_at) AS writer_name, max(i.written_at) AS written_at
FROM review_input i
LEFT JOIN app_user u ON u.user_id = i.written_by
WHERE i.review_id = $review_id
  AND (NOT EXISTS (SELECT 1 FROM process WHERE NOT list_contains($process_ids, process_id))
       AND NOT EXISTS (SELECT 1 FROM site WHERE NOT list_contains($site_ids, site_id))
       AND len($domains) = 3)
  AND len($process_ids) > 0 AND len($site_ids) > 0 AND len($domains) > 0
GROUP BY i.input_ref
ORDER BY i.input_ref
