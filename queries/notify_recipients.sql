-- Identity (not scoped data): who may receive e-mails, with their address and the language of their e-mails.
-- params: none
-- columns: user_id, display_name, role, email, language
SELECT user_id, display_name, role, email, coalesce(language, 'fr') AS language
FROM app_user
ORDER BY user_id
