-- Issue 14: the anomaly watch's results computed when the data change (smqse.refresh_anomalies), read by
-- the page with one scoped query. Stored per as-of month (the series read end there: a flag depends on it),
-- over the whole 48-month history read: the page keeps the flags of its window.
-- anomaly_flag: the detector's flags (process anomalies; missing months are data problems, not flags).
CREATE TABLE anomaly_flag (
    as_of_month DATE NOT NULL,
    indicator_id VARCHAR NOT NULL,
    site_id VARCHAR NOT NULL,
    period DATE NOT NULL,
    value DOUBLE,
    expected DOUBLE,
    score DOUBLE,
    kind VARCHAR,
    reason VARCHAR,
    computed_at TIMESTAMP NOT NULL,
    PRIMARY KEY (as_of_month, indicator_id, site_id, period)
);
-- anomaly_series_state: the versions of its indicator's data each series was scanned from (site_id '' for
-- an indicator with no series: scanned, nothing to flag), so a refresh re-scans only what moved.
CREATE TABLE anomaly_series_state (
    as_of_month DATE NOT NULL,
    indicator_id VARCHAR NOT NULL,
    site_id VARCHAR NOT NULL,
    points BIGINT NOT NULL,
    measurement_version BIGINT NOT NULL,
    indicator_version BIGINT NOT NULL,
    computed_at TIMESTAMP NOT NULL,
    PRIMARY KEY (as_of_month, indicator_id, site_id)
);
-- anomaly_data_problem: what the data-quality pass found in the months read
-- (smqse.analysis.data_quality.PROBLEM_SCHEMA); several problems may share one cell.
CREATE TABLE anomaly_data_problem (
    as_of_month DATE NOT NULL,
    indicator_id VARCHAR NOT NULL,
    site_id VARCHAR NOT NULL,
    period DATE NOT NULL,
    problem VARCHAR NOT NULL,
    value DOUBLE,
    detail VARCHAR,
    severity VARCHAR,
    excludes_value BOOLEAN,
    computed_at TIMESTAMP NOT NULL
);
-- anomaly_unusual_site: the multivariate detector's sites of the whole organisation for the as-of month
-- (smqse.analysis.multivariate.RESULT_SCHEMA; top_indicators as JSON); other scopes are computed live.
CREATE TABLE anomaly_unusual_site (
    as_of_month DATE NOT NULL,
    site_id VARCHAR NOT NULL,
    period DATE,
    score DOUBLE,
    threshold DOUBLE,
    is_unusual BOOLEAN,
    n_indicators BIGINT,
    top_indicators VARCHAR,
    computed_at TIMESTAMP NOT NULL,
    PRIMARY KEY (as_of_month, site_id)
);
