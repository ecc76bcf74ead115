-- The cause tree (reference data): every cause with its parent and 7M category, for the Ishikawa diagram.
-- The tree is not scoped data, but the scope is still bound: an empty scope reads nothing (deny by default).
-- params: $process_ids, $site_ids, $domains (the scope)
-- columns: cause_id, parent_id, category, label_fr, label_en
SELECT c.cause_id, c.parent_id, c.category, c.label_fr, c.label_en
FROM cause c
WHERE len($process_ids) > 0
  AND len($site_ids) > 0
  AND len($domains) > 0
ORDER BY c.cause_id
