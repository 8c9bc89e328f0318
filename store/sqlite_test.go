package store

import (
	"context"
	"database/sql"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"het"
)

// TestSQLitePragmas checks every pooled connection, on both pools, carries
// the pragmas, and that the read pool cannot write.
func TestSQLitePragmas(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "het.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	want := map[string]string{"foreign_keys": "1", "journal_mode": "wal", "synchronous": "1", "busy_timeout": "10000"}
	check := func(name string, pool *sql.DB, conns int, queryOnly string) {
		// Hold several connections at once so they are distinct.
		var cs []*sql.Conn
		for range conns {
			c, err := pool.Conn(ctx)
			if err != nil {
				t.Fatal(err)
			}
			cs = append(cs, c)
		}
		for i, c := range cs {
			for p, v := range map[string]string{"query_only": queryOnly} {
				want[p] = v
			}
			for p, v := range want {
				var got string
				if err := c.QueryRowContext(ctx, "PRAGMA "+p).Scan(&got); err != nil {
					t.Fatalf("%s conn %d: PRAGMA %s: %v", name, i, p, err)
				}
				if got != v {
					t.Errorf("%s conn %d: %s = %s, want %s", name, i, p, got, v)
				}
			}
		}
		for _, c := range cs {
			c.Close()
		}
	}
	check("write", db.write, 1, "0")
	check("read", db.read, 4, "1")
	if _, err := db.read.ExecContext(ctx, "DELETE FROM news"); err == nil {
		t.Error("the read pool can write")
	}
	if n := db.write.Stats().MaxOpenConnections; n != 1 {
		t.Errorf("write pool allows %d connections", n)
	}
}

// TestStmtCacheBounded checks the cache stops growing at its bound and
// serves concurrent callers.
func TestStmtCacheBounded(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "het.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.stmts.get(ctx, "SELECT nonsense FROM")
	db.stmts.wait()
	if s := db.stmts.get(ctx, "SELECT nonsense FROM"); s != nil {
		t.Error("a statement that does not prepare was cached")
	}
	db.stmts.wait()
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for i := range maxCachedStmts {
				db.stmts.get(ctx, "SELECT "+strconv.Itoa(g)+" + "+strconv.Itoa(i))
			}
		})
	}
	wg.Wait()
	db.stmts.wait()
	if n := len(db.stmts.m); n != maxCachedStmts {
		t.Errorf("cache holds %d statements, want %d", n, maxCachedStmts)
	}
	db.stmts.get(ctx, "SELECT 'one more'")
	db.stmts.wait()
	if s := db.stmts.get(ctx, "SELECT 'one more'"); s != nil {
		t.Error("a full cache took another statement")
	}
}

// TestStmtCacheUnderLoad checks that a query seen while every connection of
// the read pool is busy is cached once one is free, and that the caller
// does not wait for it meanwhile.
func TestStmtCacheUnderLoad(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "het.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var txs []*sql.Tx
	for range db.read.Stats().MaxOpenConnections {
		tx, err := db.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		txs = append(txs, tx)
	}
	const q = "SELECT count(*) FROM news"
	start := time.Now()
	if s := db.stmts.get(ctx, q); s != nil {
		t.Fatal("a statement was ready before it could be prepared")
	}
	var n int
	if err := txs[0].QueryRowContext(ctx, q).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > 500*time.Millisecond {
		t.Errorf("the caller waited %v for the statement", d)
	}
	for _, tx := range txs {
		tx.Rollback()
	}
	db.stmts.wait()
	db.stmts.mu.Lock()
	s := db.stmts.m[q]
	db.stmts.mu.Unlock()
	if s == nil {
		t.Error("the statement was not cached once a connection was free")
	}
}

// TestStmtCacheListShapes checks that paging through lists and searching
// reuse a few cached statements: limits and offsets are bound, not written
// into the query text, and links are read without IN lists.
func TestStmtCacheListShapes(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "het.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	o := &het.Objective{Content: het.Content{Slug: "fair-work", Title: "Fair work", Status: het.StatusPublished, PublishedAt: time.Unix(1, 0)}, Number: 1}
	if err := db.SaveObjective(ctx, o); err != nil {
		t.Fatal(err)
	}
	for i := range 30 {
		n := &het.NewsItem{Content: het.Content{Slug: "news-" + strconv.Itoa(i), Title: "News about walking", Body: "Walking **more**.",
			Status: het.StatusPublished, PublishedAt: time.Unix(int64(100+i), 0)}, Links: het.Links{ObjectiveSlugs: []string{"fair-work"}}}
		if err := db.SaveNews(ctx, n); err != nil {
			t.Fatal(err)
		}
	}
	public := het.Visibility{Public: true, Now: time.Unix(1000, 0)}
	for page := range 30 {
		ns, total, err := db.ListNews(ctx, het.NewsFilter{Visibility: public, Limit: 1 + page%3, Offset: page})
		if err != nil || len(ns) == 0 || total != 30 || len(ns[0].ObjectiveSlugs) != 1 {
			t.Fatalf("page %d: %d items of %d, %v", page, len(ns), total, err)
		}
		if _, _, err := db.Search(ctx, het.SearchQuery{Visibility: public, Text: "walking", Limit: 2, Offset: page}); err != nil {
			t.Fatal(err)
		}
	}
	db.stmts.mu.Lock()
	n := len(db.stmts.m)
	db.stmts.mu.Unlock()
	if n > 4 {
		t.Errorf("paging cached %d statements, want at most 4 (list, count, search, search count)", n)
	}
}
