-- Issue 14: analyses computed when the data change, read by the pages with one query.
-- data_version: one counter per kind of data the analyses read ('measurement', 'objective', 'indicator' per
-- indicator; 'month_close', 'event', 'action' with indicator_id ''), bumped in the same transaction as every
-- write that changes it (smqse.data_version.bump). A missing row is version 0.
CREATE TABLE data_version (
    kind VARCHAR NOT NULL,
    indicator_id VARCHAR NOT NULL,
    version BIGINT NOT NULL,
    changed_at TIMESTAMP NOT NULL,
    PRIMARY KEY (kind, indicator_id)
);
-- drift_result: the drift page's rows (smqse.views.drift.ROW_SCHEMA) per scope key ('group' = every site, or one
-- site_id) and as-of month, with the versions of the indicator's data they were computed from.
CREATE TABLE drift_result (
    scope_key VARCHAR NOT NULL,
    as_of_month DATE NOT NULL,
    row_id VARCHAR NOT NULL,
    indicator_id VARCHAR NOT NULL,
    site_id VARCHAR,
    name_fr VARCHAR, name_en VARCHAR, domain VARCHAR, process_id VARCHAR, unit VARCHAR, polarity VARCHAR,
    aggregation VARCHAR, objective_id VARCHAR,
    target_value DOUBLE, alert_value DOUBLE, tolerance DOUBLE, start_on DATE, deadline DATE,
    latest_period DATE, latest_value DOUBLE, monthly_target DOUBLE, gap_now DOUBLE, gap_now_pct DOUBLE,
    ytd_value DOUBLE, target_due DOUBLE, alert_due DOUBLE, gap_ytd DOUBLE, gap_ytd_pct DOUBLE,
    status VARCHAR, direction VARCHAR, slope_per_month DOUBLE, slope_p_value DOUBLE,
    drift BOOLEAN, drift_period DATE, drift_method VARCHAR, drift_direction VARCHAR, drift_favourable BOOLEAN,
    method VARCHAR, model VARCHAR, model_points BIGINT, model_weight DOUBLE,
    projected_value DOUBLE, projected_lower DOUBLE, projected_upper DOUBLE, projected_gap DOUBLE,
    projected_gap_pct DOUBLE, interval_level DOUBLE, verdict VARCHAR, alert_period DATE, alert_already BOOLEAN,
    history_periods DATE[], history_values DOUBLE[], fitted_values DOUBLE[],
    forecast_periods DATE[], forecast_mean DOUBLE[], forecast_lower DOUBLE[], forecast_upper DOUBLE[],
    running_periods DATE[], running_values DOUBLE[], running_lower DOUBLE[], running_upper DOUBLE[],
    running_projected BOOLEAN[],
    -- on the indicator's own row (site_id NULL): the stored rows its figures to date could not use
    left_out_count BIGINT, left_out_sites VARCHAR[],
    measurement_version BIGINT NOT NULL,
    objective_version BIGINT NOT NULL,
    indicator_version BIGINT NOT NULL,
    computed_at TIMESTAMP NOT NULL,
    PRIMARY KEY (scope_key, as_of_month, row_id)
);
-- drift_site_gap: the heat map's site × indicator cells (smqse.views.drift.SITE_GAP_SCHEMA) of the 'group' key.
CREATE TABLE drift_site_gap (
    scope_key VARCHAR NOT NULL,
    as_of_month DATE NOT NULL,
    indicator_id VARCHAR NOT NULL,
    site_id VARCHAR NOT NULL,
    polarity VARCHAR, ytd_value DOUBLE, target_due DOUBLE, alert_due DOUBLE, tolerance DOUBLE,
    gap_ytd DOUBLE, gap_ytd_pct DOUBLE, drift BOOLEAN, drift_period DATE, drift_direction VARCHAR,
    drift_favourable BOOLEAN, status VARCHAR,
    computed_at TIMESTAMP NOT NULL,
    PRIMARY KEY (scope_key, as_of_month, indicator_id, site_id)
);
-- analysis_run: one row per refresh, for the pages' progress line and the age of what they show.
CREATE TABLE analysis_run (
    run_id BIGINT PRIMARY KEY,
    analysis VARCHAR NOT NULL,
    started_at TIMESTAMP NOT NULL,
    finished_at TIMESTAMP,
    done BIGINT NOT NULL,
    total BIGINT NOT NULL,
    status VARCHAR NOT NULL
);
