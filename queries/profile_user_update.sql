-- Identity: set one user's e-mail address and e-mail language, by the user themselves or by the QSE lead;
-- an address another user already has (case aside, the sign-in match) is refused here too.
-- params: $user_id (whose settings), $editor_user_id (who writes), $email (NULL: no address), $language
-- columns: user_id, email, language (the row written; none when the editor may not write or the address is taken)
UPDATE app_user
SET email = $email, language = $language
WHERE user_id = $user_id
  AND (
      $editor_user_id = $user_id
      OR EXISTS (SELECT 1 FROM app_user e WHERE e.user_id = $editor_user_id AND e.role = 'qse_lead')
  )
  AND NOT EXISTS (
      SELECT 1 FROM app_user o
      WHERE o.user_id <> $user_id AND $email IS NOT NULL AND lower(trim(o.email)) = lower($email)
  )
RETURNING user_id, email, language
