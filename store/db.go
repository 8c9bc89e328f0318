// Package store keeps the hub's content in a SQL database through
// database/sql: SQLite (modernc.org/sqlite, the default, a single file) or
// PostgreSQL (pgx) for deployments with several instances. *DB implements
// het.ContentStore.
//
// Queries are written once, with ? placeholders, and rebound to $n for
// PostgreSQL. Everything else that differs between the two databases lives in
// the embedded migrations (a -sqlite or -postgres suffix) and in the small
// dialect table below.
//
// Times are stored as UTC Unix milliseconds (BIGINT) on both databases, so a
// round trip is exact to the millisecond and comparisons are plain integer
// comparisons; a zero time.Time is stored as NULL.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"runtime"
	"strings"
	"time"

	"het"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	_ "modernc.org/sqlite"             // registers the "sqlite" driver
)

// DB is an open content store. It is safe for concurrent use.
type DB struct {
	write *sql.DB    // SQLite: one connection, so writers queue here instead of failing with SQLITE_BUSY
	read  *sql.DB    // SQLite: a pool of query_only connections; PostgreSQL: the same pool as write
	stmts *stmtCache // SQLite read pool only; nil otherwise
	d     *dialect
	log   *slog.Logger
}

var _ het.ContentStore = (*DB)(nil)

// dialect holds what differs between the databases outside the migrations.
type dialect struct {
	name          string // "sqlite" or "postgres"; selects migration files
	driver        string // database/sql driver name
	dollar        bool   // PostgreSQL placeholders: $1, $2...
	migrationLock string // run first in every migration transaction, "" for none
	backup        string // statement writing a copy of the database to ?, "" if unsupported
	search        searchSQL
}

var sqliteDialect = &dialect{
	name:   "sqlite",
	driver: "sqlite",
	backup: "VACUUM INTO ?",
	search: sqliteSearch,
}

var postgresDialect = &dialect{
	name:          "postgres",
	driver:        "pgx",
	dollar:        true,
	migrationLock: "SELECT pg_advisory_xact_lock(4874357)", // serialises instances migrating at once
	search:        postgresSearch,
}

// The pragmas every SQLite connection gets. busy_timeout is applied first by
// the driver; foreign keys are per connection, so they must be in the DSN.
var sqlitePragmas = []string{
	"busy_timeout(10000)",
	"journal_mode(WAL)",
	"synchronous(NORMAL)",
	"foreign_keys(ON)",
	"temp_store(MEMORY)",
	"cache_size(-4000)",            // 4 MB of page cache per connection keeps RSS modest
	"journal_size_limit(67108864)", // truncate the WAL back to 64 MB after checkpoints
}

// Open connects to the database named by dsn and applies pending migrations.
// A dsn starting with postgres:// or postgresql:// selects PostgreSQL;
// anything else is a SQLite file path or file: URI. A nil log discards.
func Open(ctx context.Context, dsn string, log *slog.Logger) (*DB, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	db, err := open(dsn, log)
	if err != nil {
		return nil, err
	}
	if err := db.Ping(ctx); err != nil {
		db.Close()
		return nil, err
	}
	if err := db.Migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

func open(dsn string, log *slog.Logger) (*DB, error) {
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		pool, err := sql.Open(postgresDialect.driver, dsn)
		if err != nil {
			return nil, fmt.Errorf("store: open postgres: %w", err)
		}
		pool.SetMaxOpenConns(20)
		pool.SetMaxIdleConns(10)
		pool.SetConnMaxIdleTime(5 * time.Minute)
		return &DB{write: pool, read: pool, d: postgresDialect, log: log}, nil
	}

	path, query, err := sqliteDSN(dsn)
	if err != nil {
		return nil, err
	}
	write, err := sql.Open(sqliteDialect.driver, path+"?"+withPragmas(query, "_txlock=immediate"))
	if err != nil {
		return nil, fmt.Errorf("store: open sqlite: %w", err)
	}
	write.SetMaxOpenConns(1)
	write.SetConnMaxIdleTime(0)
	read, err := sql.Open(sqliteDialect.driver, path+"?"+withPragmas(query, "_pragma=query_only(1)"))
	if err != nil {
		write.Close()
		return nil, fmt.Errorf("store: open sqlite: %w", err)
	}
	n := max(4, runtime.NumCPU())
	read.SetMaxOpenConns(n)
	read.SetMaxIdleConns(n)
	return &DB{write: write, read: read, stmts: newStmtCache(read), d: sqliteDialect, log: log}, nil
}

// sqliteDSN splits a SQLite path or file: URI into the name the driver opens
// and its query string.
func sqliteDSN(dsn string) (name, query string, err error) {
	if dsn == "" {
		return "", "", het.Errorf(het.EINVALID, "Give the database file name")
	}
	name, query, _ = strings.Cut(dsn, "?")
	if name == ":memory:" || strings.Contains(query, "mode=memory") {
		// Every pooled connection would see its own empty database.
		return "", "", het.Errorf(het.EINVALID, "In-memory SQLite databases are not supported; use a file")
	}
	if !strings.HasPrefix(name, "file:") {
		name = "file:" + name
	}
	return name, query, nil
}

// withPragmas adds the standard pragmas and extra parameters to a DSN query,
// keeping any the caller gave.
func withPragmas(query string, extra ...string) string {
	parts := []string{}
	if query != "" {
		parts = append(parts, query)
	}
	for _, p := range sqlitePragmas {
		name, _, _ := strings.Cut(p, "(")
		if !strings.Contains(query, "_pragma="+name) {
			parts = append(parts, "_pragma="+url.QueryEscape(p))
		}
	}
	return strings.Join(append(parts, extra...), "&")
}

// Dialect returns "sqlite" or "postgres".
func (db *DB) Dialect() string { return db.d.name }

// Ping checks that the database answers; /readyz uses it.
func (db *DB) Ping(ctx context.Context) error {
	if err := db.write.PingContext(ctx); err != nil {
		return fmt.Errorf("store: ping: %w", err)
	}
	if db.read != db.write {
		if err := db.read.PingContext(ctx); err != nil {
			return fmt.Errorf("store: ping: %w", err)
		}
	}
	return nil
}

// Close closes both pools.
func (db *DB) Close() error {
	if db.stmts != nil {
		db.stmts.close()
	}
	err := db.write.Close()
	if db.read != db.write {
		err = errors.Join(err, db.read.Close())
	}
	if db.stmts != nil {
		db.stmts.wait()
	}
	return err
}

// Backup writes a consistent copy of a SQLite database to path, which must
// not exist, while the store stays online. PostgreSQL deployments use pg_dump.
func (db *DB) Backup(ctx context.Context, path string) error {
	if db.d.backup == "" {
		return het.Errorf(het.EINVALID, "Backups of a %s database are taken with pg_dump, not het", db.d.name)
	}
	if path == "" {
		return het.Errorf(het.EINVALID, "Give the backup file name")
	}
	if _, err := db.write.ExecContext(ctx, db.d.rebind(db.d.backup), path); err != nil {
		return fmt.Errorf("store: backup to %s: %w", path, err)
	}
	db.log.InfoContext(ctx, "database backed up", "path", path)
	return nil
}

// rebind turns ? placeholders into $1, $2... for PostgreSQL. Question marks
// inside quoted strings are left alone.
func (d *dialect) rebind(q string) string {
	if !d.dollar || !strings.Contains(q, "?") {
		return q
	}
	var b strings.Builder
	b.Grow(len(q) + 16)
	n, quote := 0, byte(0)
	for i := 0; i < len(q); i++ {
		c := q[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"':
			quote = c
		case c == '?':
			n++
			fmt.Fprintf(&b, "$%d", n)
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// tx is a transaction that rebinds its queries for the dialect and, on the
// SQLite read pool, runs them as cached prepared statements.
type tx struct {
	*sql.Tx
	d     *dialect
	stmts *stmtCache // nil: prepare every query
}

func (t *tx) exec(ctx context.Context, q string, args ...any) (sql.Result, error) {
	return t.ExecContext(ctx, t.d.rebind(q), args...)
}

func (t *tx) query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	q, ctx = t.d.rebind(q), t.detach(ctx)
	if s := t.prepared(ctx, q); s != nil {
		return s.QueryContext(ctx, args...)
	}
	return t.QueryContext(ctx, q, args...)
}

func (t *tx) queryRow(ctx context.Context, q string, args ...any) *sql.Row {
	q, ctx = t.d.rebind(q), t.detach(ctx)
	if s := t.prepared(ctx, q); s != nil {
		return s.QueryRowContext(ctx, args...)
	}
	return t.QueryRowContext(ctx, q, args...)
}

// detach returns the context a statement of a SQLite read runs with: ctx
// without its cancellation, unless ctx is already done (then the statement
// fails at once with ctx's error). See readContext.
func (t *tx) detach(ctx context.Context) context.Context {
	if t.stmts == nil {
		return ctx
	}
	return readContext(ctx)
}

// readContext returns ctx without its cancellation (and deadline) unless ctx
// is already done. For a context that can be cancelled, modernc.org/sqlite
// starts a goroutine and installs a progress handler around every statement,
// BEGIN and COMMIT included, which costs a short read more than the read
// itself. Reads on the SQLite read pool are short and bounded (pages of at
// most het.MaxPageSize, no lock waits under WAL), so they check the context
// before each statement instead: a read whose request has gone stops at the
// next statement, not within one.
func readContext(ctx context.Context) context.Context {
	if ctx.Err() != nil {
		return ctx
	}
	return context.WithoutCancel(ctx)
}

// prepared returns q as a statement of this transaction from the cache, or
// nil when there is no cache or q is not (yet) in it.
func (t *tx) prepared(ctx context.Context, q string) *sql.Stmt {
	if t.stmts == nil {
		return nil
	}
	if s := t.stmts.get(ctx, q); s != nil {
		return t.StmtContext(ctx, s)
	}
	return nil
}

// view runs fn in a read-only transaction on the read pool.
func (db *DB) view(ctx context.Context, fn func(*tx) error) error {
	return db.run(ctx, db.read, db.stmts, &sql.TxOptions{ReadOnly: true}, fn)
}

// update runs fn in a read-write transaction on the write pool.
func (db *DB) update(ctx context.Context, fn func(*tx) error) error {
	return db.run(ctx, db.write, nil, nil, fn)
}

func (db *DB) run(ctx context.Context, pool *sql.DB, stmts *stmtCache, opts *sql.TxOptions, fn func(*tx) error) error {
	beginCtx := ctx
	if stmts != nil {
		beginCtx = readContext(ctx)
	}
	sqlTx, err := pool.BeginTx(beginCtx, opts)
	if err != nil {
		return fmt.Errorf("store: begin: %w", err)
	}
	t := &tx{Tx: sqlTx, d: db.d, stmts: stmts}
	if err := fn(t); err != nil {
		sqlTx.Rollback()
		return domainError(err)
	}
	if err := sqlTx.Commit(); err != nil {
		return domainError(fmt.Errorf("store: commit: %w", err))
	}
	return nil
}

// domainError turns the database errors a user's input or a race can cause
// into domain errors; everything else passes through as internal. PostgreSQL
// errors carry an SQLSTATE; SQLite has no equivalents worth mapping.
func domainError(err error) error {
	var coded interface{ SQLState() string }
	if !errors.As(err, &coded) {
		return err
	}
	switch state := coded.SQLState(); {
	case strings.HasPrefix(state, "22"): // data exception: NUL bytes, untranslatable characters...
		return het.Errorf(het.EINVALID, "The text contains characters that cannot be stored")
	case state == "23505", state == "40001", state == "40P01": // unique violation, serialization failure, deadlock
		return het.Errorf(het.ECONFLICT, "Someone else changed this at the same time; try again")
	}
	return err
}

// millis converts a time to the stored form: UTC Unix milliseconds, or NULL
// for the zero time.
func millis(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UnixMilli()
}

// timeCol scans a stored time (Unix milliseconds or NULL) into a time.Time.
type timeCol struct{ t *time.Time }

func (c timeCol) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*c.t = time.Time{}
	case int64:
		*c.t = time.UnixMilli(v).UTC()
	default:
		return fmt.Errorf("store: time column holds %T", src)
	}
	return nil
}

// stored returns t as it reads back from the database: UTC, to the
// millisecond.
func stored(t time.Time) time.Time {
	if t.IsZero() {
		return time.Time{}
	}
	return time.UnixMilli(t.UnixMilli()).UTC()
}

// now is the time written to created_at and updated_at.
func now() time.Time { return stored(time.Now()) }

// notFound is the error Find methods return.
func notFound(what, slug string) error {
	return het.Errorf(het.ENOTFOUND, "No %s called %q", what, slug)
}
