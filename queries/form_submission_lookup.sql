-- The earlier submission of a form instance by this writer (a double click's first click), if any.
-- params: $process_ids, $site_ids, $domains (the writer's scope: an empty one finds nothing),
--         $token (the form instance's token), $form (the form's name), $user_id (the writer)
-- columns: token, form, user_id, submitted_at, result_key, result (JSON text)
SELECT token, form, user_id, submitted_at, result_key, CAST(result AS VARCHAR) AS result
FROM form_submission
WHERE token = $token AND form = $form AND user_id = $user_id
  AND len($process_ids) > 0 AND len($site_ids) > 0 AND len($domains) > 0
