-- Append one version of a qualitative review input (the latest is the current one; earlier ones are kept).
-- params: $process_ids, $site_ids, $domains (the writer's scope), $review_id,
--         $input_ref, $text, $written_by, $written_at
-- columns: review_id, input_ref, text, written_by, written_at (the row written, if any)
INSERT INTO review_input (review_id, input_ref, text, written_by, written_at)
SELECT $review_id, $input_ref, $text, $written_by, $written_at
WHERE (NOT EXISTS (SELECT 1 FROM process WHERE NOT list_contains($process_ids, process_id))
       AND NOT EXISTS (SELECT 1 FROM site WHERE NOT list_contains($site_ids, site_id))
       AND len($domains) = 3) AND len($process_ids) > 0 AND len($site_ids) > 0 AND len($domains) > 0
  AND EXISTS (SELECT 1 FROM review WHERE review_id = $review_id)
RETURNING *
