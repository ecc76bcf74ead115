-- Identity: record one user's opt-outs of kinds of e-mail, by the user themselves or by the QSE lead.
-- params: $user_id (whose opt-outs), $editor_user_id (who writes), $kinds (list of notification kinds),
--         $opted_out_at
-- columns: user_id, kind (the rows written)
INSERT INTO notification_optout (user_id, kind, opted_out_at)
SELECT u.user_id, k.kind, $opted_out_at
FROM app_user u, (SELECT unnest($kinds::VARCHAR[]) AS kind) k
WHERE u.user_id = $user_id
  AND (
      $editor_user_id = $user_id
      OR EXISTS (SELECT 1 FROM app_user e WHERE e.user_id = $editor_user_id AND e.role = 'qse_lead')
  )
RETURNING user_id, kind
