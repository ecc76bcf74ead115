-- Move a refresh's progress, and finish it (status 'done' or 'failed', finished_at) when given.
-- A system record, no data of any scope.
-- params: $run_id, $done, $status, $finished_at
-- columns: Count
UPDATE analysis_run
SET done = $done, status = $status, finished_at = $finished_at
WHERE run_id = $run_id
