-- Record a refresh starting (smqse.refresh): its progress is read by the pages. A system record, no data of
-- any scope.
-- params: $analysis, $started_at, $total
-- columns: run_id
INSERT INTO analysis_run (run_id, analysis, started_at, finished_at, done, total, status)
SELECT coalesce(max(run_id), 0) + 1, $analysis, $started_at, NULL, 0, $total, 'running'
FROM analysis_run
RETURNING run_id
