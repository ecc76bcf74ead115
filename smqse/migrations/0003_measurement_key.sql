-- Issue 11: one row per (indicator, site, period, version), enforced by the database. Two writers on the
-- same key at the same moment (a file import and a pilot's entry) each took "current version + 1" and both
-- committed, so a sum read both values. With the key, the second commit fails and the writer retries.
--
-- A database written before this migration may already hold such duplicates. None is deleted: the versions
-- of every key that has a duplicate are renumbered 1, 2, 3… in the order (version, entered_at, rowid), so
-- the row entered last becomes the current value; keys without a duplicate keep their versions. (A
-- change_log "after" written then may name the version number the row had before the renumbering.)
--
-- DuckDB 2.0 cannot add a key to a table that has uncommitted changes in the same transaction ("Cannot
-- create index with outstanding updates"; deleted rows still count as duplicates), so the table is rebuilt
-- with its key: copied with the new versions in its physical order, dropped, created again as 0001 defines
-- it plus the key, refilled. The view measurement_current depends on it and is recreated unchanged.
CREATE TEMP TABLE measurement_renumbered AS
WITH duplicated AS (
    SELECT DISTINCT indicator_id, site_id, period
    FROM measurement
    GROUP BY indicator_id, site_id, period, version
    HAVING count(*) > 1
),
numbered AS (
    SELECT m.rowid AS row_position, m.*,
           row_number() OVER (PARTITION BY m.indicator_id, m.site_id, m.period
                              ORDER BY m.version, m.entered_at NULLS FIRST, m.rowid) AS renumbered
    FROM measurement m
    SEMI JOIN duplicated d
        ON d.indicator_id = m.indicator_id AND d.site_id = m.site_id AND d.period = m.period
)
SELECT m.rowid AS row_position, m.indicator_id, m.site_id, m.period, m.value, m.numerator, m.denominator,
       m.comment, m.entered_by, m.entered_at, coalesce(n.renumbered, m.version)::INTEGER AS version,
       m.import_id
FROM measurement m
LEFT JOIN numbered n ON n.row_position = m.rowid;

DROP VIEW measurement_current;

DROP TABLE measurement;

-- Append-only: a correction is a new version; the current value is the highest version.
CREATE TABLE measurement (
    indicator_id   VARCHAR NOT NULL,
    site_id        VARCHAR NOT NULL,
    period         DATE NOT NULL,
    value          DOUBLE,
    numerator      DOUBLE,
    denominator    DOUBLE,
    comment        VARCHAR,
    entered_by     VARCHAR,
    entered_at     TIMESTAMP,
    version        INTEGER NOT NULL DEFAULT 1,
    import_id      BIGINT,
    PRIMARY KEY (indicator_id, site_id, period, version)
);

INSERT INTO measurement
SELECT indicator_id, site_id, period, value, numerator, denominator, comment, entered_by, entered_at, version,
       import_id
FROM measurement_renumbered
ORDER BY row_position;

DROP TABLE measurement_renumbered;

-- Unchanged from 0001 (see there why it is written this way).
CREATE VIEW measurement_current AS
WITH corrected AS (
    SELECT indicator_id, site_id, period, max(version) AS latest_version
    FROM measurement
    WHERE version > 1
    GROUP BY indicator_id, site_id, period
)
SELECT m.*
FROM measurement m
LEFT JOIN corrected c USING (indicator_id, site_id, period)
WHERE c.latest_version IS NULL OR m.version = c.latest_version;
