-- Record one proposed decision (§9.3.3 output) of a review, about a process in the writer's scope.
-- params: $process_ids, $site_ids, $domains (the writer's scope),
--         $decision_id, $review_id, $input_ref, $decision_type, $text, $owner_user_id, $due_on, $process_id,
--         $rationale, $cost, $expected_benefit, $cost_of_inaction, $created_by, $created_at
-- columns: every review_decision column (the row written, if any)
INSERT INTO review_decision (
    decision_id, review_id, input_ref, decision_type, text, owner_user_id, due_on, action_id, process_id,
    rationale, cost, expected_benefit, cost_of_inaction, created_by, created_at
)
SELECT $decision_id, $review_id, $input_ref, $decision_type, $text, $owner_user_id, $due_on, NULL, $process_id,
       $rationale, $cost, $expected_benefit, $cost_of_inaction, $created_by, $created_at
WHERE (NOT EXISTS (SELECT 1 FROM process WHERE NOT list_contains($process_ids, process_id))
       AND NOT EXISTS (SELECT 1 FROM site WHERE NOT list_contains($site_ids, site_id))
       AND len($domains) = 3) AND list_contains($process_ids, $process_id)
  AND len($site_ids) > 0 AND len($domains) > 0
  AND EXISTS (SELECT 1 FROM review WHERE review_id = $review_id)
RETURNING *
