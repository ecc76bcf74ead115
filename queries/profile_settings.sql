-- Identity (not scoped data): one user's e-mail settings, read by the user themselves or by the QSE lead
-- (the guard is here, not only in the page: anyone else gets no row).
-- params: $user_id (whose settings), $editor_user_id (who reads them)
-- columns: user_id, display_name, role, email, language, opted_out (list of notification kinds)
SELECT u.user_id, u.display_name, u.role, u.email, coalesce(u.language, 'fr') AS language,
       coalesce(
           (SELECT list(o.kind ORDER BY o.kind) FROM notification_optout o WHERE o.user_id = u.user_id),
           []::VARCHAR[]
       ) AS opted_out
FROM app_user u
WHERE u.user_id = $user_id
  AND (
      $editor_user_id = $user_id
      OR EXISTS (SELECT 1 FROM app_user e WHERE e.user_id = $editor_user_id AND e.role = 'qse_lead')
  )
