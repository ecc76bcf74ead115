-- Identity: claim a settings form's token in the transaction that writes the settings (a user's settings
-- are not data of any scope, so a user with an empty scope, a viewer, claims it too; an unknown user not).
-- params: $token, $form, $user_id (the writer), $submitted_at, $result_key (whose settings),
--         $result (JSON: what the write returned)
-- columns: token (the row written, if any)
INSERT INTO form_submission (token, form, user_id, submitted_at, result_key, result)
SELECT $token, $form, u.user_id, $submitted_at, $result_key, CAST($result AS JSON)
FROM app_user u
WHERE u.user_id = $user_id
RETURNING token
