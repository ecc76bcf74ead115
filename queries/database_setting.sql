-- Deployment (not scoped data): a database-wide setting by name, e.g. 'organisation' = 'demo' for the demo.
-- params: $setting
-- columns: value
SELECT value
FROM database_setting
WHERE name = $setting
