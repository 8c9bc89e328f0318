-- Site search: one FTS5 index over every content table, kept in sync by
-- triggers. The index rowid is id * 8 + the kind's number, so a trigger finds
-- an item's entry by rowid instead of scanning. Status and publish time ride
-- along (unindexed) so a search needs no join to apply visibility.

CREATE VIRTUAL TABLE search_index USING fts5 (
	kind UNINDEXED,
	slug UNINDEXED,
	status UNINDEXED,
	published_at UNINDEXED,
	title,
	summary,
	body,
	tokenize = 'porter unicode61 remove_diacritics 2'
);

CREATE TRIGGER objectives_search_insert AFTER INSERT ON objectives BEGIN
	INSERT INTO search_index (rowid, kind, slug, status, published_at, title, summary, body)
	VALUES (new.id * 8 + 1, 'objective', new.slug, new.status, new.published_at, new.title, new.summary, new.body);
END;
CREATE TRIGGER objectives_search_update AFTER UPDATE ON objectives BEGIN
	DELETE FROM search_index WHERE rowid = old.id * 8 + 1;
	INSERT INTO search_index (rowid, kind, slug, status, published_at, title, summary, body)
	VALUES (new.id * 8 + 1, 'objective', new.slug, new.status, new.published_at, new.title, new.summary, new.body);
END;
CREATE TRIGGER objectives_search_delete AFTER DELETE ON objectives BEGIN
	DELETE FROM search_index WHERE rowid = old.id * 8 + 1;
END;
INSERT INTO search_index (rowid, kind, slug, status, published_at, title, summary, body)
SELECT id * 8 + 1, 'objective', slug, status, published_at, title, summary, body FROM objectives;

CREATE TRIGGER priorities_search_insert AFTER INSERT ON priorities BEGIN
	INSERT INTO search_index (rowid, kind, slug, status, published_at, title, summary, body)
	VALUES (new.id * 8 + 2, 'priority', new.slug, new.status, new.published_at, new.title, new.summary, new.body);
END;
CREATE TRIGGER priorities_search_update AFTER UPDATE ON priorities BEGIN
	DELETE FROM search_index WHERE rowid = old.id * 8 + 2;
	INSERT INTO search_index (rowid, kind, slug, status, published_at, title, summary, body)
	VALUES (new.id * 8 + 2, 'priority', new.slug, new.status, new.published_at, new.title, new.summary, new.body);
END;
CREATE TRIGGER priorities_search_delete AFTER DELETE ON priorities BEGIN
	DELETE FROM search_index WHERE rowid = old.id * 8 + 2;
END;
INSERT INTO search_index (rowid, kind, slug, status, published_at, title, summary, body)
SELECT id * 8 + 2, 'priority', slug, status, published_at, title, summary, body FROM priorities;

CREATE TRIGGER news_search_insert AFTER INSERT ON news BEGIN
	INSERT INTO search_index (rowid, kind, slug, status, published_at, title, summary, body)
	VALUES (new.id * 8 + 3, 'news', new.slug, new.status, new.published_at, new.title, new.summary, new.body);
END;
CREATE TRIGGER news_search_update AFTER UPDATE ON news BEGIN
	DELETE FROM search_index WHERE rowid = old.id * 8 + 3;
	INSERT INTO search_index (rowid, kind, slug, status, published_at, title, summary, body)
	VALUES (new.id * 8 + 3, 'news', new.slug, new.status, new.published_at, new.title, new.summary, new.body);
END;
CREATE TRIGGER news_search_delete AFTER DELETE ON news BEGIN
	DELETE FROM search_index WHERE rowid = old.id * 8 + 3;
END;
INSERT INTO search_index (rowid, kind, slug, status, published_at, title, summary, body)
SELECT id * 8 + 3, 'news', slug, status, published_at, title, summary, body FROM news;

CREATE TRIGGER events_search_insert AFTER INSERT ON events BEGIN
	INSERT INTO search_index (rowid, kind, slug, status, published_at, title, summary, body)
	VALUES (new.id * 8 + 4, 'event', new.slug, new.status, new.published_at, new.title, new.summary, new.body);
END;
CREATE TRIGGER events_search_update AFTER UPDATE ON events BEGIN
	DELETE FROM search_index WHERE rowid = old.id * 8 + 4;
	INSERT INTO search_index (rowid, kind, slug, status, published_at, title, summary, body)
	VALUES (new.id * 8 + 4, 'event', new.slug, new.status, new.published_at, new.title, new.summary, new.body);
END;
CREATE TRIGGER events_search_delete AFTER DELETE ON events BEGIN
	DELETE FROM search_index WHERE rowid = old.id * 8 + 4;
END;
INSERT INTO search_index (rowid, kind, slug, status, published_at, title, summary, body)
SELECT id * 8 + 4, 'event', slug, status, published_at, title, summary, body FROM events;

CREATE TRIGGER programmes_search_insert AFTER INSERT ON programmes BEGIN
	INSERT INTO search_index (rowid, kind, slug, status, published_at, title, summary, body)
	VALUES (new.id * 8 + 5, 'programme', new.slug, new.status, new.published_at, new.title, new.summary, new.body);
END;
CREATE TRIGGER programmes_search_update AFTER UPDATE ON programmes BEGIN
	DELETE FROM search_index WHERE rowid = old.id * 8 + 5;
	INSERT INTO search_index (rowid, kind, slug, status, published_at, title, summary, body)
	VALUES (new.id * 8 + 5, 'programme', new.slug, new.status, new.published_at, new.title, new.summary, new.body);
END;
CREATE TRIGGER programmes_search_delete AFTER DELETE ON programmes BEGIN
	DELETE FROM search_index WHERE rowid = old.id * 8 + 5;
END;
INSERT INTO search_index (rowid, kind, slug, status, published_at, title, summary, body)
SELECT id * 8 + 5, 'programme', slug, status, published_at, title, summary, body FROM programmes;

CREATE TRIGGER pages_search_insert AFTER INSERT ON pages BEGIN
	INSERT INTO search_index (rowid, kind, slug, status, published_at, title, summary, body)
	VALUES (new.id * 8 + 6, 'page', new.slug, new.status, new.published_at, new.title, new.summary, new.body);
END;
CREATE TRIGGER pages_search_update AFTER UPDATE ON pages BEGIN
	DELETE FROM search_index WHERE rowid = old.id * 8 + 6;
	INSERT INTO search_index (rowid, kind, slug, status, published_at, title, summary, body)
	VALUES (new.id * 8 + 6, 'page', new.slug, new.status, new.published_at, new.title, new.summary, new.body);
END;
CREATE TRIGGER pages_search_delete AFTER DELETE ON pages BEGIN
	DELETE FROM search_index WHERE rowid = old.id * 8 + 6;
END;
INSERT INTO search_index (rowid, kind, slug, status, published_at, title, summary, body)
SELECT id * 8 + 6, 'page', slug, status, published_at, title, summary, body FROM pages;

CREATE TRIGGER case_studies_search_insert AFTER INSERT ON case_studies BEGIN
	INSERT INTO search_index (rowid, kind, slug, status, published_at, title, summary, body)
	VALUES (new.id * 8 + 7, 'case-study', new.slug, new.status, new.published_at, new.title, new.summary, new.body);
END;
CREATE TRIGGER case_studies_search_update AFTER UPDATE ON case_studies BEGIN
	DELETE FROM search_index WHERE rowid = old.id * 8 + 7;
	INSERT INTO search_index (rowid, kind, slug, status, published_at, title, summary, body)
	VALUES (new.id * 8 + 7, 'case-study', new.slug, new.status, new.published_at, new.title, new.summary, new.body);
END;
CREATE TRIGGER case_studies_search_delete AFTER DELETE ON case_studies BEGIN
	DELETE FROM search_index WHERE rowid = old.id * 8 + 7;
END;
INSERT INTO search_index (rowid, kind, slug, status, published_at, title, summary, body)
SELECT id * 8 + 7, 'case-study', slug, status, published_at, title, summary, body FROM case_studies;
