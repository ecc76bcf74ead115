-- Identity (not scoped data): every process and site id, to resolve what "all" means for a role.
-- params: none
-- columns: kind ('process' | 'site'), id
SELECT 'process' AS kind, process_id AS id FROM process
UNION ALL
SELECT 'site' AS kind, site_id AS id FROM site
