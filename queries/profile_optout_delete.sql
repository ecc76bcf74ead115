-- Identity: drop some of one user's e-mail opt-outs (the kinds they receive again), by the user or the QSE lead.
-- params: $user_id (whose opt-outs), $editor_user_id (who writes), $kinds (list of notification kinds)
-- columns: user_id, kind (the rows removed)
DELETE FROM notification_optout
WHERE user_id = $user_id
  AND list_contains($kinds::VARCHAR[], kind)
  AND (
      $editor_user_id = $user_id
      OR EXISTS (SELECT 1 FROM app_user e WHERE e.user_id = $editor_user_id AND e.role = 'qse_lead')
  )
RETURNING user_id, kind
