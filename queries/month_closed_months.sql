-- The closed months (organisation-wide), newest first: the as-of month a view opens on may be one of them.
-- params: (none)
-- columns: period
SELECT period FROM month_close ORDER BY period DESC
