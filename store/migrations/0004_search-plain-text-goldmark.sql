-- The search text now comes from markdown.PlainText, which reads a body with
-- the same goldmark parser as the page (het.PlainText, a hand-written reducer,
-- filled search_body before). The two differ on edge cases (unmatched
-- brackets and backticks, task-list markers, the text of HTML blocks), so every
-- stored search_body is set back to NULL: after migrating, the store
-- recomputes it in batches (fillSearchBodies), and each filling UPDATE
-- reindexes its row. Until then the search triggers fall back to the Markdown
-- body. The statements are the same for SQLite and PostgreSQL.

UPDATE objectives SET search_body = NULL WHERE search_body IS NOT NULL;
UPDATE priorities SET search_body = NULL WHERE search_body IS NOT NULL;
UPDATE news SET search_body = NULL WHERE search_body IS NOT NULL;
UPDATE events SET search_body = NULL WHERE search_body IS NOT NULL;
UPDATE programmes SET search_body = NULL WHERE search_body IS NOT NULL;
UPDATE pages SET search_body = NULL WHERE search_body IS NOT NULL;
UPDATE case_studies SET search_body = NULL WHERE search_body IS NOT NULL;
