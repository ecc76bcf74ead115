-- Issue 12: a ratio indicator's rows carry numerator and denominator; a value alone is refused at the door
-- unless the indicator's definition allows it. value_only_rule says how such an indicator aggregates:
--   NULL (every existing indicator, and the default): a value without numerator and denominator is refused;
--   'mean_of_values': a value alone is accepted and the indicator aggregates as the unweighted mean of its
--   values (across sites and over time), which every view says ("simple mean of values: no denominator").
-- DuckDB 2.0 cannot add a column with a CHECK constraint: the allowed values are checked where indicators
-- are written (the indicators file's choice column, the indicator form).
ALTER TABLE indicator ADD COLUMN value_only_rule VARCHAR;
