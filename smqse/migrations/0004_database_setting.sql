-- Database-wide settings, one row per name. The demo builder writes ('organisation', 'demo'): only a
-- database carrying that row is the demo organisation, which the app may show in demo mode (the "view as"
-- selector) on a loopback address. Any other database is a real organisation and needs a sign-in.
CREATE TABLE database_setting (
    name   VARCHAR PRIMARY KEY,
    value  VARCHAR NOT NULL
);
