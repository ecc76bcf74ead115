-- Close a month (write). Nothing is written when it is already closed: the caller reads the row back.
-- params: $period (date, first day of the month), $closed_by, $closed_at, $note
-- columns: period, closed_by, closed_at, note (the row written; none when the month was already closed)
INSERT INTO month_close (period, closed_by, closed_at, note)
VALUES ($period, $closed_by, $closed_at, $note)
ON CONFLICT (period) DO NOTHING
RETURNING *
