package store

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"math"
	"sort"
	"strconv"
	"strings"

	"het/markdown"
)

// migrationFS holds the schema as numbered SQL files: NNNN_name.sql for both
// databases, NNNN_name-sqlite.sql or NNNN_name-postgres.sql where they differ.
//
//go:embed migrations/*.sql
var migrationFS embed.FS

// migration is one numbered schema change.
type migration struct {
	version int
	name    string
	sql     string
}

// migrations returns the dialect's migrations in order. Two files with the
// same number for one dialect are a programming error.
func migrations(dialect string) ([]migration, error) {
	names, err := fs.Glob(migrationFS, "migrations/*.sql")
	if err != nil {
		return nil, err
	}
	var ms []migration
	seen := map[int]string{}
	for _, path := range names {
		base := strings.TrimSuffix(strings.TrimPrefix(path, "migrations/"), ".sql")
		num, rest, ok := strings.Cut(base, "_")
		version, err := strconv.Atoi(num)
		if !ok || err != nil {
			return nil, fmt.Errorf("store: migration %s: name must start with a number and _", path)
		}
		if i := strings.LastIndexByte(rest, '-'); i >= 0 {
			switch rest[i+1:] {
			case dialect:
				rest = rest[:i]
			case "sqlite", "postgres":
				continue // another dialect's file
			}
		}
		if prev, dup := seen[version]; dup {
			return nil, fmt.Errorf("store: migrations %s and %s share number %d", prev, path, version)
		}
		seen[version] = path
		body, err := migrationFS.ReadFile(path)
		if err != nil {
			return nil, err
		}
		ms = append(ms, migration{version: version, name: rest, sql: string(body)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	return ms, nil
}

// Migrate applies the migrations not yet recorded in schema_migrations, each
// in its own transaction, and is safe to run again. On PostgreSQL an advisory
// lock keeps instances starting together from applying one twice.
func (db *DB) Migrate(ctx context.Context) error {
	return db.migrate(ctx, math.MaxInt)
}

// migrate applies the pending migrations numbered up to last (tests stop
// early to build an older schema), then fills what the schema expects the
// store to compute.
func (db *DB) migrate(ctx context.Context, last int) error {
	ms, err := migrations(db.d.name)
	if err != nil {
		return err
	}
	err = db.update(ctx, func(tx *tx) error {
		if err := db.lockMigrations(ctx, tx); err != nil {
			return err
		}
		_, err := tx.exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
			version    INTEGER PRIMARY KEY,
			name       TEXT NOT NULL,
			applied_at BIGINT NOT NULL
		)`)
		return err
	})
	if err != nil {
		return fmt.Errorf("store: create schema_migrations: %w", err)
	}
	for _, m := range ms {
		if m.version > last {
			break
		}
		applied := false
		err := db.update(ctx, func(tx *tx) error {
			if err := db.lockMigrations(ctx, tx); err != nil {
				return err
			}
			var n int
			if err := tx.queryRow(ctx, `SELECT count(*) FROM schema_migrations WHERE version = ?`, m.version).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				return nil
			}
			if _, err := tx.ExecContext(ctx, m.sql); err != nil {
				return err
			}
			_, err := tx.exec(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`,
				m.version, m.name, millis(now()))
			applied = err == nil
			return err
		})
		if err != nil {
			return fmt.Errorf("store: migration %04d_%s: %w", m.version, m.name, err)
		}
		if applied {
			db.log.InfoContext(ctx, "database migrated", "version", m.version, "name", m.name, "dialect", db.d.name)
		}
	}
	if last < searchBodyVersion {
		return nil
	}
	return db.fillSearchBodies(ctx)
}

// searchBodyVersion is the migration that adds search_body.
const searchBodyVersion = 3

// searchTables are the content tables with a search_body column.
var searchTables = []string{"objectives", "priorities", "news", "events", "programmes", "pages", "case_studies"}

// fillBatch is how many rows one fillSearchBodies transaction updates.
const fillBatch = 200

// fillSearchBodies computes search_body, the plain text the search index
// holds (markdown.PlainText), for rows that lack it: every row the first time
// a database migrates past 0003_search-plain-text, and afterwards none (saves
// write it), unless a later migration sets it back to NULL to recompute it, as
// 0004_search-plain-text-goldmark does. Each update fires the
// search trigger, which reindexes the row. Rows are filled in batches, so a
// large site is not locked for long; instances filling at once write the same
// values.
func (db *DB) fillSearchBodies(ctx context.Context) error {
	filled := 0
	for _, table := range searchTables {
		for {
			n := 0
			err := db.update(ctx, func(tx *tx) error {
				rows, err := tx.query(ctx, fmt.Sprintf("SELECT id, body FROM %s WHERE search_body IS NULL ORDER BY id LIMIT %d", table, fillBatch))
				if err != nil {
					return err
				}
				type row struct {
					id   int64
					body string
				}
				var batch []row
				for rows.Next() {
					var r row
					if err := rows.Scan(&r.id, &r.body); err != nil {
						rows.Close()
						return err
					}
					batch = append(batch, r)
				}
				rows.Close()
				if err := rows.Err(); err != nil {
					return err
				}
				q := fmt.Sprintf("UPDATE %s SET search_body = ? WHERE id = ? AND search_body IS NULL", table)
				for _, r := range batch {
					if _, err := tx.exec(ctx, q, markdown.PlainText(r.body), r.id); err != nil {
						return err
					}
				}
				n = len(batch)
				return nil
			})
			if err != nil {
				return fmt.Errorf("store: fill %s.search_body: %w", table, err)
			}
			filled += n
			if n < fillBatch {
				break
			}
		}
	}
	if filled > 0 {
		db.log.InfoContext(ctx, "search index rebuilt as plain text", "rows", filled, "dialect", db.d.name)
	}
	return nil
}

// lockMigrations takes the dialect's migration lock for the rest of tx.
func (db *DB) lockMigrations(ctx context.Context, tx *tx) error {
	if db.d.migrationLock == "" {
		return nil // SQLite: the write transaction is already exclusive
	}
	_, err := tx.exec(ctx, db.d.migrationLock)
	return err
}
