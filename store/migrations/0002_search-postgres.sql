-- Site search: one table of documents over every content table, kept in sync
-- by a trigger function, with a weighted tsvector (title A, summary B, body C)
-- under a GIN index. Status and publish time are copied so a search needs no
-- join to apply visibility.

CREATE TABLE search_documents (
	kind         TEXT   NOT NULL,
	item_id      BIGINT NOT NULL,
	slug         TEXT   NOT NULL,
	status       TEXT   NOT NULL,
	published_at BIGINT,
	title        TEXT   NOT NULL,
	summary      TEXT   NOT NULL,
	body         TEXT   NOT NULL,
	document     tsvector GENERATED ALWAYS AS (
		setweight(to_tsvector('english', title), 'A') ||
		setweight(to_tsvector('english', summary), 'B') ||
		setweight(to_tsvector('english', body), 'C')
	) STORED,
	PRIMARY KEY (kind, item_id)
);
CREATE INDEX search_documents_document ON search_documents USING GIN (document);

-- search_sync copies a content row into search_documents; TG_ARGV[0] is the kind.
CREATE FUNCTION search_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'DELETE' THEN
		DELETE FROM search_documents WHERE kind = TG_ARGV[0] AND item_id = OLD.id;
		RETURN NULL;
	END IF;
	INSERT INTO search_documents (kind, item_id, slug, status, published_at, title, summary, body)
	VALUES (TG_ARGV[0], NEW.id, NEW.slug, NEW.status, NEW.published_at, NEW.title, NEW.summary, NEW.body)
	ON CONFLICT (kind, item_id) DO UPDATE SET
		slug = EXCLUDED.slug, status = EXCLUDED.status, published_at = EXCLUDED.published_at,
		title = EXCLUDED.title, summary = EXCLUDED.summary, body = EXCLUDED.body;
	RETURN NULL;
END
$$;

CREATE TRIGGER objectives_search AFTER INSERT OR UPDATE OR DELETE ON objectives
	FOR EACH ROW EXECUTE FUNCTION search_sync('objective');
INSERT INTO search_documents (kind, item_id, slug, status, published_at, title, summary, body)
SELECT 'objective', id, slug, status, published_at, title, summary, body FROM objectives;

CREATE TRIGGER priorities_search AFTER INSERT OR UPDATE OR DELETE ON priorities
	FOR EACH ROW EXECUTE FUNCTION search_sync('priority');
INSERT INTO search_documents (kind, item_id, slug, status, published_at, title, summary, body)
SELECT 'priority', id, slug, status, published_at, title, summary, body FROM priorities;

CREATE TRIGGER news_search AFTER INSERT OR UPDATE OR DELETE ON news
	FOR EACH ROW EXECUTE FUNCTION search_sync('news');
INSERT INTO search_documents (kind, item_id, slug, status, published_at, title, summary, body)
SELECT 'news', id, slug, status, published_at, title, summary, body FROM news;

CREATE TRIGGER events_search AFTER INSERT OR UPDATE OR DELETE ON events
	FOR EACH ROW EXECUTE FUNCTION search_sync('event');
INSERT INTO search_documents (kind, item_id, slug, status, published_at, title, summary, body)
SELECT 'event', id, slug, status, published_at, title, summary, body FROM events;

CREATE TRIGGER programmes_search AFTER INSERT OR UPDATE OR DELETE ON programmes
	FOR EACH ROW EXECUTE FUNCTION search_sync('programme');
INSERT INTO search_documents (kind, item_id, slug, status, published_at, title, summary, body)
SELECT 'programme', id, slug, status, published_at, title, summary, body FROM programmes;

CREATE TRIGGER pages_search AFTER INSERT OR UPDATE OR DELETE ON pages
	FOR EACH ROW EXECUTE FUNCTION search_sync('page');
INSERT INTO search_documents (kind, item_id, slug, status, published_at, title, summary, body)
SELECT 'page', id, slug, status, published_at, title, summary, body FROM pages;

CREATE TRIGGER case_studies_search AFTER INSERT OR UPDATE OR DELETE ON case_studies
	FOR EACH ROW EXECUTE FUNCTION search_sync('case-study');
INSERT INTO search_documents (kind, item_id, slug, status, published_at, title, summary, body)
SELECT 'case-study', id, slug, status, published_at, title, summary, body FROM case_studies;
