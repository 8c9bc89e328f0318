-- Search indexes plain text, not Markdown: every content table gets
-- search_body, the body reduced to plain text by het.PlainText when the store
-- saves an item, and the triggers index it instead of body. Existing rows keep
-- search_body NULL here (SQL cannot run PlainText); the store fills them in
-- after migrating, and each filling UPDATE reindexes its row. Until then, and
-- for any row written without it, the triggers fall back to the Markdown body.
-- Setting search_body back to NULL makes the store recompute it.

ALTER TABLE objectives ADD COLUMN search_body TEXT;
ALTER TABLE priorities ADD COLUMN search_body TEXT;
ALTER TABLE news ADD COLUMN search_body TEXT;
ALTER TABLE events ADD COLUMN search_body TEXT;
ALTER TABLE programmes ADD COLUMN search_body TEXT;
ALTER TABLE pages ADD COLUMN search_body TEXT;
ALTER TABLE case_studies ADD COLUMN search_body TEXT;

DROP TRIGGER objectives_search_insert;
CREATE TRIGGER objectives_search_insert AFTER INSERT ON objectives BEGIN
	INSERT INTO search_index (rowid, kind, slug, status, published_at, title, summary, body)
	VALUES (new.id * 8 + 1, 'objective', new.slug, new.status, new.published_at, new.title, new.summary, COALESCE(new.search_body, new.body));
END;
DROP TRIGGER objectives_search_update;
CREATE TRIGGER objectives_search_update AFTER UPDATE ON objectives BEGIN
	DELETE FROM search_index WHERE rowid = old.id * 8 + 1;
	INSERT INTO search_index (rowid, kind, slug, status, published_at, title, summary, body)
	VALUES (new.id * 8 + 1, 'objective', new.slug, new.status, new.published_at, new.title, new.summary, COALESCE(new.search_body, new.body));
END;

DROP TRIGGER priorities_search_insert;
CREATE TRIGGER priorities_search_insert AFTER INSERT ON priorities BEGIN
	INSERT INTO search_index (rowid, kind, slug, status, published_at, title, summary, body)
	VALUES (new.id * 8 + 2, 'priority', new.slug, new.status, new.published_at, new.title, new.summary, COALESCE(new.search_body, new.body));
END;
DROP TRIGGER priorities_search_update;
CREATE TRIGGER priorities_search_update AFTER UPDATE ON priorities BEGIN
	DELETE FROM search_index WHERE rowid = old.id * 8 + 2;
	INSERT INTO search_index (rowid, kind, slug, status, published_at, title, summary, body)
	VALUES (new.id * 8 + 2, 'priority', new.slug, new.status, new.published_at, new.title, new.summary, COALESCE(new.search_body, new.body));
END;

DROP TRIGGER news_search_insert;
CREATE TRIGGER news_search_insert AFTER INSERT ON news BEGIN
	INSERT INTO search_index (rowid, kind, slug, status, published_at, title, summary, body)
	VALUES (new.id * 8 + 3, 'news', new.slug, new.status, new.published_at, new.title, new.summary, COALESCE(new.search_body, new.body));
END;
DROP TRIGGER news_search_update;
CREATE TRIGGER news_search_update AFTER UPDATE ON news BEGIN
	DELETE FROM search_index WHERE rowid = old.id * 8 + 3;
	INSERT INTO search_index (rowid, kind, slug, status, published_at, title, summary, body)
	VALUES (new.id * 8 + 3, 'news', new.slug, new.status, new.published_at, new.title, new.summary, COALESCE(new.search_body, new.body));
END;

DROP TRIGGER events_search_insert;
CREATE TRIGGER events_search_insert AFTER INSERT ON events BEGIN
	INSERT INTO search_index (rowid, kind, slug, status, published_at, title, summary, body)
	VALUES (new.id * 8 + 4, 'event', new.slug, new.status, new.published_at, new.title, new.summary, COALESCE(new.search_body, new.body));
END;
DROP TRIGGER events_search_update;
CREATE TRIGGER events_search_update AFTER UPDATE ON events BEGIN
	DELETE FROM search_index WHERE rowid = old.id * 8 + 4;
	INSERT INTO search_index (rowid, kind, slug, status, published_at, title, summary, body)
	VALUES (new.id * 8 + 4, 'event', new.slug, new.status, new.published_at, new.title, new.summary, COALESCE(new.search_body, new.body));
END;

DROP TRIGGER programmes_search_insert;
CREATE TRIGGER programmes_search_insert AFTER INSERT ON programmes BEGIN
	INSERT INTO search_index (rowid, kind, slug, status, published_at, title, summary, body)
	VALUES (new.id * 8 + 5, 'programme', new.slug, new.status, new.published_at, new.title, new.summary, COALESCE(new.search_body, new.body));
END;
DROP TRIGGER programmes_search_update;
CREATE TRIGGER programmes_search_update AFTER UPDATE ON programmes BEGIN
	DELETE FROM search_index WHERE rowid = old.id * 8 + 5;
	INSERT INTO search_index (rowid, kind, slug, status, published_at, title, summary, body)
	VALUES (new.id * 8 + 5, 'programme', new.slug, new.status, new.published_at, new.title, new.summary, COALESCE(new.search_body, new.body));
END;

DROP TRIGGER pages_search_insert;
CREATE TRIGGER pages_search_insert AFTER INSERT ON pages BEGIN
	INSERT INTO search_index (rowid, kind, slug, status, published_at, title, summary, body)
	VALUES (new.id * 8 + 6, 'page', new.slug, new.status, new.published_at, new.title, new.summary, COALESCE(new.search_body, new.body));
END;
DROP TRIGGER pages_search_update;
CREATE TRIGGER pages_search_update AFTER UPDATE ON pages BEGIN
	DELETE FROM search_index WHERE rowid = old.id * 8 + 6;
	INSERT INTO search_index (rowid, kind, slug, status, published_at, title, summary, body)
	VALUES (new.id * 8 + 6, 'page', new.slug, new.status, new.published_at, new.title, new.summary, COALESCE(new.search_body, new.body));
END;

DROP TRIGGER case_studies_search_insert;
CREATE TRIGGER case_studies_search_insert AFTER INSERT ON case_studies BEGIN
	INSERT INTO search_index (rowid, kind, slug, status, published_at, title, summary, body)
	VALUES (new.id * 8 + 7, 'case-study', new.slug, new.status, new.published_at, new.title, new.summary, COALESCE(new.search_body, new.body));
END;
DROP TRIGGER case_studies_search_update;
CREATE TRIGGER case_studies_search_update AFTER UPDATE ON case_studies BEGIN
	DELETE FROM search_index WHERE rowid = old.id * 8 + 7;
	INSERT INTO search_index (rowid, kind, slug, status, published_at, title, summary, body)
	VALUES (new.id * 8 + 7, 'case-study', new.slug, new.status, new.published_at, new.title, new.summary, COALESCE(new.search_body, new.body));
END;
