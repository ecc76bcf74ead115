-- One row per form submission that wrote something: the token is generated once per rendered form, so a
-- second submit of the same form (a double click, a resent request) hits the primary key and writes nothing;
-- the writer is shown the record the first submit created (result_key names it, result is the value the
-- write returned, as JSON with dates tagged).
CREATE TABLE form_submission (
    token         VARCHAR PRIMARY KEY,
    form          VARCHAR NOT NULL,
    user_id       VARCHAR NOT NULL,
    submitted_at  TIMESTAMP NOT NULL,
    result_key    VARCHAR,
    result        JSON
);
