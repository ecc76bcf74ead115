-- The latest refresh of an analysis: whether one runs now, its progress and when it finished.
-- A system record, no data of any scope.
-- params: $analysis
-- columns: run_id, started_at, finished_at, done, total, status
SELECT run_id, started_at, finished_at, done, total, status
FROM analysis_run
WHERE analysis = $analysis
ORDER BY run_id DESC
LIMIT 1
