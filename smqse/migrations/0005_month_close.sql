-- A month closed by the QSE lead (or a director): organisation-wide, it becomes the management review's
-- reference. A value entered afterwards for a period up to that month is a correction after closing, which
-- the review pack lists. One row per month: the primary key makes closing twice impossible.
CREATE TABLE month_close (
    period     DATE PRIMARY KEY,   -- first day of the closed month
    closed_by  VARCHAR NOT NULL,
    closed_at  TIMESTAMP NOT NULL,
    note       VARCHAR
);
