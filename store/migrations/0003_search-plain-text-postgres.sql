-- Search indexes plain text, not Markdown: every content table gets
-- search_body, the body reduced to plain text by het.PlainText when the store
-- saves an item, and search_sync copies it into search_documents.body instead
-- of the Markdown. Existing rows keep search_body NULL here (SQL cannot run
-- PlainText); the store fills them in after migrating, and each filling UPDATE
-- re-syncs its row. Until then, and for any row written without it,
-- search_sync falls back to the Markdown body. Setting search_body back to
-- NULL makes the store recompute it.

ALTER TABLE objectives ADD COLUMN search_body TEXT;
ALTER TABLE priorities ADD COLUMN search_body TEXT;
ALTER TABLE news ADD COLUMN search_body TEXT;
ALTER TABLE events ADD COLUMN search_body TEXT;
ALTER TABLE programmes ADD COLUMN search_body TEXT;
ALTER TABLE pages ADD COLUMN search_body TEXT;
ALTER TABLE case_studies ADD COLUMN search_body TEXT;

CREATE OR REPLACE FUNCTION search_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'DELETE' THEN
		DELETE FROM search_documents WHERE kind = TG_ARGV[0] AND item_id = OLD.id;
		RETURN NULL;
	END IF;
	INSERT INTO search_documents (kind, item_id, slug, status, published_at, title, summary, body)
	VALUES (TG_ARGV[0], NEW.id, NEW.slug, NEW.status, NEW.published_at, NEW.title, NEW.summary, COALESCE(NEW.search_body, NEW.body))
	ON CONFLICT (kind, item_id) DO UPDATE SET
		slug = EXCLUDED.slug, status = EXCLUDED.status, published_at = EXCLUDED.published_at,
		title = EXCLUDED.title, summary = EXCLUDED.summary, body = EXCLUDED.body;
	RETURN NULL;
END
$$;
