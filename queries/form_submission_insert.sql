-- Claim a form instance's token in the transaction that writes its record: a second claim of the same token
-- fails on the primary key, so the record cannot be written twice.
-- params: $process_ids, $site_ids, $domains (the writer's scope: an empty one claims nothing),
--         $token, $form, $user_id (the writer), $submitted_at, $result_key (the record written),
--         $result (JSON: what the write returned)
-- columns: token (the row written, if any)
INSERT INTO form_submission (token, form, user_id, submitted_at, result_key, result)
SELECT $token, $form, $user_id, $submitted_at, $result_key, CAST($result AS JSON)
WHERE len($process_ids) > 0 AND len($site_ids) > 0 AND len($domains) > 0
RETURNING token
