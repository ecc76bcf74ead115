-- Issue 17: one seasonal decomposition (smqse.analysis.seasonality) replaced the three the drift verdicts and
-- the anomaly flags were computed with. What the old methods stored is deleted, so the next refresh (at start,
-- and whenever data change) recomputes it with the method the pages name: nothing shown comes from a method
-- no longer applied. Projections are not stored; the data-quality problems and the unusual sites use no season.
DELETE FROM anomaly_flag;
DELETE FROM anomaly_series_state;
DELETE FROM drift_result;
DELETE FROM drift_site_gap;
