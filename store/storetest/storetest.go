// Package storetest opens real databases for tests: a fresh temporary SQLite
// file every time, and PostgreSQL too when HET_TEST_PG holds a postgres://
// URL (each run in its own schema, dropped afterwards). With CI=true,
// HET_TEST_PG must be set: CI always tests both databases.
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	"het/store"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver, to create and drop schemas
)

// EnvPG names the environment variable holding the PostgreSQL test URL.
const EnvPG = "HET_TEST_PG"

// Run runs fn as a subtest on a fresh SQLite database ("sqlite") and, when
// HET_TEST_PG is set, on a fresh PostgreSQL schema ("postgres").
func Run(t *testing.T, fn func(t *testing.T, db *store.DB)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) { fn(t, MustOpen(t)) })
	pg := os.Getenv(EnvPG)
	if pg == "" {
		if os.Getenv("CI") == "true" {
			t.Fatalf("storetest: CI=true but %s is empty; CI must test PostgreSQL (see scripts/pg-start.sh)", EnvPG)
		}
		return
	}
	t.Run("postgres", func(t *testing.T) { fn(t, MustOpenPostgres(t, pg)) })
}

// MustOpen opens a migrated store on a new SQLite file in a temporary
// directory, closed when the test ends.
func MustOpen(tb testing.TB) *store.DB {
	tb.Helper()
	return mustOpen(tb, filepath.Join(tb.TempDir(), "het.db"))
}

// MustOpenPostgres opens a migrated store on a new schema of the PostgreSQL
// database at baseURL; the schema is dropped when the test ends.
func MustOpenPostgres(tb testing.TB, baseURL string) *store.DB {
	tb.Helper()
	return mustOpen(tb, PostgresDSN(tb, baseURL))
}

// PostgresDSN creates a new, empty schema in the PostgreSQL database at
// baseURL and returns a DSN whose search_path is that schema. The schema is
// dropped when the test ends.
func PostgresDSN(tb testing.TB, baseURL string) string {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	admin, err := sql.Open("pgx", baseURL)
	if err != nil {
		tb.Fatalf("storetest: open %s: %v", EnvPG, err)
	}
	defer admin.Close()
	var b [6]byte
	rand.Read(b[:])
	schema := "het_test_" + hex.EncodeToString(b[:])
	if _, err := admin.ExecContext(ctx, "CREATE SCHEMA "+schema); err != nil {
		tb.Fatalf("storetest: create schema: %v", err)
	}
	tb.Cleanup(func() {
		admin, err := sql.Open("pgx", baseURL)
		if err != nil {
			tb.Errorf("storetest: drop schema: %v", err)
			return
		}
		defer admin.Close()
		if _, err := admin.ExecContext(context.Background(), "DROP SCHEMA "+schema+" CASCADE"); err != nil {
			tb.Errorf("storetest: drop schema %s: %v", schema, err)
		}
	})
	u, err := url.Parse(baseURL)
	if err != nil {
		tb.Fatalf("storetest: %s: %v", EnvPG, err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

func mustOpen(tb testing.TB, dsn string) *store.DB {
	tb.Helper()
	db, err := store.Open(context.Background(), dsn, nil)
	if err != nil {
		tb.Fatalf("storetest: open: %v", err)
	}
	tb.Cleanup(func() {
		if err := db.Close(); err != nil {
			tb.Errorf("storetest: close: %v", err)
		}
	})
	return db
}
