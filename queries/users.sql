-- Identity (not scoped data): the users of the application, for the "view as" selector and login.
-- params: none
-- columns: user_id, display_name, role, email
SELECT user_id, display_name, role, email
FROM app_user
ORDER BY CASE role WHEN 'director' THEN 1 WHEN 'qse_lead' THEN 2 WHEN 'pilot' THEN 3 ELSE 4 END, display_name
