-- Open the record of a review being prepared (status 'draft'), unless it exists. Organisation-level: only a
-- whole-organisation scope writes it.
-- params: $process_ids, $site_ids, $domains (the writer's scope), $review_id,
--         $period_start, $period_end (dates), $title
-- columns: review_id, held_on, period_start, period_end, title, status (the row written, if any)
INSERT INTO review (review_id, held_on, period_start, period_end, title, status)
SELECT $review_id, NULL, $period_start, $period_end, $title, 'draft'
WHERE (NOT EXISTS (SELECT 1 FROM process WHERE NOT list_contains($process_ids, process_id))
       AND NOT EXISTS (SELECT 1 FROM site WHERE NOT list_contains($site_ids, site_id))
       AND len($domains) = 3) AND len($process_ids) > 0 AND len($site_ids) > 0 AND len($domains) > 0
  AND NOT EXISTS (SELECT 1 FROM review WHERE review_id = $review_id)
RETURNING *
