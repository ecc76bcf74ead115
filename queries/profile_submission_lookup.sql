-- Identity: the earlier submit of a settings form instance by this writer (a double click's first click).
-- params: $token (the form instance's token), $form (the form's name), $user_id (the writer)
-- columns: token, form, user_id, submitted_at, result_key, result (JSON text)
SELECT token, form, user_id, submitted_at, result_key, CAST(result AS VARCHAR) AS result
FROM form_submission
WHERE token = $token AND form = $form AND user_id = $user_id
