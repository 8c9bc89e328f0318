-- The public hub's content. Times are UTC Unix milliseconds; booleans are
-- 0/1. Every content table shares the columns id, slug, title, summary,
-- body, status, published_at, created_at, updated_at (search relies on it).

CREATE TABLE objectives (
	id           INTEGER PRIMARY KEY,
	slug         TEXT    NOT NULL UNIQUE,
	title        TEXT    NOT NULL,
	summary      TEXT    NOT NULL DEFAULT '',
	body         TEXT    NOT NULL DEFAULT '',
	status       TEXT    NOT NULL CHECK (status IN ('draft', 'published', 'archived')),
	published_at INTEGER,
	created_at   INTEGER NOT NULL,
	updated_at   INTEGER NOT NULL,
	number       INTEGER NOT NULL,
	short_title  TEXT    NOT NULL DEFAULT ''
);

CREATE TABLE priorities (
	id           INTEGER PRIMARY KEY,
	slug         TEXT    NOT NULL UNIQUE,
	title        TEXT    NOT NULL,
	summary      TEXT    NOT NULL DEFAULT '',
	body         TEXT    NOT NULL DEFAULT '',
	status       TEXT    NOT NULL CHECK (status IN ('draft', 'published', 'archived')),
	published_at INTEGER,
	created_at   INTEGER NOT NULL,
	updated_at   INTEGER NOT NULL,
	number       INTEGER NOT NULL,
	short_title  TEXT    NOT NULL DEFAULT ''
);

-- Many-to-many, saved from the priority's side.
CREATE TABLE objective_priorities (
	objective_id INTEGER NOT NULL REFERENCES objectives (id) ON DELETE CASCADE,
	priority_id  INTEGER NOT NULL REFERENCES priorities (id) ON DELETE CASCADE,
	PRIMARY KEY (objective_id, priority_id)
);
CREATE INDEX objective_priorities_priority ON objective_priorities (priority_id);

CREATE TABLE news (
	id           INTEGER PRIMARY KEY,
	slug         TEXT    NOT NULL UNIQUE,
	title        TEXT    NOT NULL,
	summary      TEXT    NOT NULL DEFAULT '',
	body         TEXT    NOT NULL DEFAULT '',
	status       TEXT    NOT NULL CHECK (status IN ('draft', 'published', 'archived')),
	published_at INTEGER,
	created_at   INTEGER NOT NULL,
	updated_at   INTEGER NOT NULL,
	featured     BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX news_published ON news (status, published_at);

CREATE TABLE news_objectives (
	news_id      INTEGER NOT NULL REFERENCES news (id) ON DELETE CASCADE,
	objective_id INTEGER NOT NULL REFERENCES objectives (id) ON DELETE CASCADE,
	PRIMARY KEY (news_id, objective_id)
);
CREATE INDEX news_objectives_objective ON news_objectives (objective_id);

CREATE TABLE news_priorities (
	news_id     INTEGER NOT NULL REFERENCES news (id) ON DELETE CASCADE,
	priority_id INTEGER NOT NULL REFERENCES priorities (id) ON DELETE CASCADE,
	PRIMARY KEY (news_id, priority_id)
);
CREATE INDEX news_priorities_priority ON news_priorities (priority_id);

CREATE TABLE events (
	id            INTEGER PRIMARY KEY,
	slug          TEXT    NOT NULL UNIQUE,
	title         TEXT    NOT NULL,
	summary       TEXT    NOT NULL DEFAULT '',
	body          TEXT    NOT NULL DEFAULT '',
	status        TEXT    NOT NULL CHECK (status IN ('draft', 'published', 'archived')),
	published_at  INTEGER,
	created_at    INTEGER NOT NULL,
	updated_at    INTEGER NOT NULL,
	starts_at     INTEGER NOT NULL,
	ends_at       INTEGER,
	venue         TEXT    NOT NULL DEFAULT '',
	address       TEXT    NOT NULL DEFAULT '',
	online        BOOLEAN NOT NULL DEFAULT FALSE,
	accessibility TEXT    NOT NULL DEFAULT '',
	booking_url   TEXT    NOT NULL DEFAULT '',
	registration  TEXT    NOT NULL DEFAULT '',
	cost          TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX events_starts ON events (starts_at);

CREATE TABLE event_objectives (
	event_id     INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
	objective_id INTEGER NOT NULL REFERENCES objectives (id) ON DELETE CASCADE,
	PRIMARY KEY (event_id, objective_id)
);
CREATE INDEX event_objectives_objective ON event_objectives (objective_id);

CREATE TABLE event_priorities (
	event_id    INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
	priority_id INTEGER NOT NULL REFERENCES priorities (id) ON DELETE CASCADE,
	PRIMARY KEY (event_id, priority_id)
);
CREATE INDEX event_priorities_priority ON event_priorities (priority_id);

CREATE TABLE programmes (
	id           INTEGER PRIMARY KEY,
	slug         TEXT    NOT NULL UNIQUE,
	title        TEXT    NOT NULL,
	summary      TEXT    NOT NULL DEFAULT '',
	body         TEXT    NOT NULL DEFAULT '',
	status       TEXT    NOT NULL CHECK (status IN ('draft', 'published', 'archived')),
	published_at INTEGER,
	created_at   INTEGER NOT NULL,
	updated_at   INTEGER NOT NULL,
	provider     TEXT    NOT NULL DEFAULT '',
	website_url  TEXT    NOT NULL DEFAULT '',
	cost         TEXT    NOT NULL DEFAULT '',
	featured     BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE TABLE programme_objectives (
	programme_id INTEGER NOT NULL REFERENCES programmes (id) ON DELETE CASCADE,
	objective_id INTEGER NOT NULL REFERENCES objectives (id) ON DELETE CASCADE,
	PRIMARY KEY (programme_id, objective_id)
);
CREATE INDEX programme_objectives_objective ON programme_objectives (objective_id);

CREATE TABLE programme_priorities (
	programme_id INTEGER NOT NULL REFERENCES programmes (id) ON DELETE CASCADE,
	priority_id  INTEGER NOT NULL REFERENCES priorities (id) ON DELETE CASCADE,
	PRIMARY KEY (programme_id, priority_id)
);
CREATE INDEX programme_priorities_priority ON programme_priorities (priority_id);

CREATE TABLE programme_audiences (
	programme_id INTEGER NOT NULL REFERENCES programmes (id) ON DELETE CASCADE,
	position     INTEGER NOT NULL,
	audience     TEXT    NOT NULL,
	PRIMARY KEY (programme_id, audience)
);
CREATE INDEX programme_audiences_audience ON programme_audiences (audience);

CREATE TABLE programme_files (
	id           INTEGER PRIMARY KEY,
	programme_id INTEGER NOT NULL REFERENCES programmes (id) ON DELETE CASCADE,
	position     INTEGER NOT NULL,
	name         TEXT    NOT NULL,
	title        TEXT    NOT NULL,
	content_type TEXT    NOT NULL,
	size         INTEGER NOT NULL,
	sha256       TEXT    NOT NULL,
	data         BLOB    NOT NULL,
	UNIQUE (programme_id, name)
);

CREATE TABLE pages (
	id           INTEGER PRIMARY KEY,
	slug         TEXT    NOT NULL UNIQUE,
	title        TEXT    NOT NULL,
	summary      TEXT    NOT NULL DEFAULT '',
	body         TEXT    NOT NULL DEFAULT '',
	status       TEXT    NOT NULL CHECK (status IN ('draft', 'published', 'archived')),
	published_at INTEGER,
	created_at   INTEGER NOT NULL,
	updated_at   INTEGER NOT NULL
);

CREATE TABLE case_studies (
	id           INTEGER PRIMARY KEY,
	slug         TEXT    NOT NULL UNIQUE,
	title        TEXT    NOT NULL,
	summary      TEXT    NOT NULL DEFAULT '',
	body         TEXT    NOT NULL DEFAULT '',
	status       TEXT    NOT NULL CHECK (status IN ('draft', 'published', 'archived')),
	published_at INTEGER,
	created_at   INTEGER NOT NULL,
	updated_at   INTEGER NOT NULL,
	organisation TEXT    NOT NULL DEFAULT ''
);

CREATE TABLE case_study_objectives (
	case_study_id INTEGER NOT NULL REFERENCES case_studies (id) ON DELETE CASCADE,
	objective_id  INTEGER NOT NULL REFERENCES objectives (id) ON DELETE CASCADE,
	PRIMARY KEY (case_study_id, objective_id)
);
CREATE INDEX case_study_objectives_objective ON case_study_objectives (objective_id);

CREATE TABLE case_study_priorities (
	case_study_id INTEGER NOT NULL REFERENCES case_studies (id) ON DELETE CASCADE,
	priority_id   INTEGER NOT NULL REFERENCES priorities (id) ON DELETE CASCADE,
	PRIMARY KEY (case_study_id, priority_id)
);
CREATE INDEX case_study_priorities_priority ON case_study_priorities (priority_id);

CREATE TABLE alerts (
	id        INTEGER PRIMARY KEY,
	title     TEXT    NOT NULL,
	message   TEXT    NOT NULL,
	link_url  TEXT    NOT NULL DEFAULT '',
	link_text TEXT    NOT NULL DEFAULT '',
	active    BOOLEAN NOT NULL DEFAULT FALSE,
	starts_at INTEGER,
	ends_at   INTEGER
);
