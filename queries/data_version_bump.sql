-- Move the data version of one kind of data for some indicators ('' for a kind not per indicator), inside
-- the writer's transaction: the stored analyses computed from the older version are then known stale.
-- A counter, no data of any scope: organisation-wide like the month close.
-- params: $kind (measurement, objective, indicator, month_close, event, action), $indicator_ids (list)
-- columns: Count (rows inserted or updated)
INSERT INTO data_version (kind, indicator_id, version, changed_at)
SELECT $kind, id, 1, current_timestamp
FROM (SELECT DISTINCT unnest($indicator_ids) AS id)
ON CONFLICT (kind, indicator_id) DO UPDATE
SET version = data_version.version + 1, changed_at = excluded.changed_at
