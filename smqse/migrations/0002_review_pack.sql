-- Management review pack (issue 6): decisions carry the process they concern (so a pilot's pack holds only
-- theirs) and their cost/benefit argument; the QSE lead's qualitative inputs are kept per review item,
-- append-only (the current text is the latest).
ALTER TABLE review_decision ADD COLUMN process_id VARCHAR;
ALTER TABLE review_decision ADD COLUMN rationale VARCHAR;
ALTER TABLE review_decision ADD COLUMN cost DOUBLE;
ALTER TABLE review_decision ADD COLUMN expected_benefit DOUBLE;
ALTER TABLE review_decision ADD COLUMN cost_of_inaction DOUBLE;
ALTER TABLE review_decision ADD COLUMN created_by VARCHAR;
ALTER TABLE review_decision ADD COLUMN created_at TIMESTAMP;

UPDATE review_decision d
SET process_id = a.process_id
FROM action a
WHERE a.action_id = d.action_id AND d.process_id IS NULL;

CREATE TABLE review_input (
    review_id      VARCHAR NOT NULL,
    input_ref      VARCHAR NOT NULL,
    text           VARCHAR NOT NULL,
    written_by     VARCHAR,
    written_at     TIMESTAMP NOT NULL
);

-- The review input (§9.3.2 item or ISO 14001 / 45001 addition) an indicator feeds, e.g. '9.3.2.c.1' for
-- customer satisfaction; NULL = monitoring and measurement results only (§9.3.2 c) 5), where every
-- indicator appears.
ALTER TABLE indicator ADD COLUMN review_input VARCHAR;
