-- Identity (not scoped data): the user_scope rows of one user; site_id NULL means every site.
-- params: $user_id
-- columns: process_id, site_id
SELECT process_id, site_id
FROM user_scope
WHERE user_id = $user_id
