-- Whether a month is closed, and by whom and when (closing is organisation-wide: no scope to bind).
-- params: $period (date, first day of the month)
-- columns: period, closed_by, closed_by_name, closed_at, note (no row: the month is open)
SELECT c.period, c.closed_by, u.display_name AS closed_by_name, c.closed_at, c.note
FROM month_close c
LEFT JOIN app_user u ON u.user_id = c.closed_by
WHERE c.period = $period
