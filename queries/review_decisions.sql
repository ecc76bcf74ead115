-- Decisions of every review up to $end_on (held, or the review being prepared), with the status of the
-- action that carries them. A decision concerns a process (its own, else its action's): a scope sees the
-- decisions of its processes; decisions about no process are the whole organisation's and need
-- a whole-organisation scope.
-- params: $process_ids, $site_ids, $domains (the scope), $end_on (date)
-- columns: decision_id, review_id, review_title, review_held_on, review_period_end, input_ref, decision_type,
--          text, owner_user_id, owner_name, due_on, action_id, process_id, process_name_fr, process_name_en,
--          rationale, cost, expected_benefit, cost_of_inaction, created_by, created_at, action_status,
--          action_progress_pct, action_closed_on, action_effectiveness
SELECT
    d.decision_id, d.review_id, r.title AS review_title, r.held_on AS review_held_on,
    r.period_end AS review_period_end,
    d.input_ref, d.decision_type, d.text, d.owner_user_id, u.display_name AS owner_name, d.due_on, d.action_id,
    coalesce(d.process_id, a.process_id) AS process_id, p.name_fr AS process_name_fr, p.name_en AS process_name_en,
    d.rationale, d.cost, d.expected_benefit, d.cost_of_inaction, d.created_by, d.created_at,
    a.status AS action_status, a.progress_pct AS action_progress_pct, a.closed_on AS action_closed_on,
    a.effectiveness AS action_effectiveness
FROM review_decision d
JOIN review r USING (review_id)
LEFT JOIN action a ON a.action_id = d.action_id
LEFT JOIN app_user u ON u.user_id = d.owner_user_id
LEFT JOIN process p ON p.process_id = coalesce(d.process_id, a.process_id)
WHERE len($site_ids) > 0 AND len($domains) > 0
  AND r.period_start <= $end_on
  AND (
      list_contains($process_ids, coalesce(d.process_id, a.process_id))
      OR (coalesce(d.process_id, a.process_id) IS NULL AND (NOT EXISTS (SELECT 1 FROM process WHERE NOT list_contains($process_ids, process_id))
       AND NOT EXISTS (SELECT 1 FROM site WHERE NOT list_contains($site_ids, site_id))
       AND len($domains) = 3) AND len($process_ids) > 0)
  )
ORDER BY r.period_end, d.decision_id
