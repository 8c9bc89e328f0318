package store_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"het"
	"het/store"
	"het/store/storetest"
)

// t0 is the fixed "now" of the tests.
var t0 = time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)

var (
	public = het.Visibility{Public: true, Now: t0}
	all    = het.Visibility{}
)

func content(slug, title string, status het.Status, published time.Time) het.Content {
	return het.Content{Slug: slug, Title: title, Summary: "Summary of " + title, Body: "Body of " + title, Status: status, PublishedAt: published}
}

func pub(slug, title string) het.Content {
	return content(slug, title, het.StatusPublished, t0.Add(-24*time.Hour))
}

// seed saves two objectives and two priorities linked across.
func seed(t *testing.T, db *store.DB) {
	t.Helper()
	ctx := context.Background()
	for i, s := range []string{"best-start", "fair-employment"} {
		o := &het.Objective{Content: pub(s, "Objective "+s), Number: i + 1, ShortTitle: s}
		must(t, db.SaveObjective(ctx, o))
	}
	must(t, db.SaveObjective(ctx, &het.Objective{Content: content("draft-objective", "Draft", het.StatusDraft, time.Time{}), Number: 9}))
	must(t, db.SavePriority(ctx, &het.Priority{Content: pub("child-friendly", "Child friendly"), Number: 1, ObjectiveSlugs: []string{"best-start"}}))
	must(t, db.SavePriority(ctx, &het.Priority{Content: pub("inclusive-economy", "Inclusive economy"), Number: 2, ObjectiveSlugs: []string{"fair-employment", "best-start"}}))
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	if got := het.ErrorCode(err); got != code {
		t.Fatalf("error %v: code %q, want %q", err, got, code)
	}
}

func TestOpenMigrateTwice(t *testing.T) {
	path := filepath.Join(t.TempDir(), "het.db")
	ctx := context.Background()
	for i := range 2 {
		db, err := store.Open(ctx, path, nil)
		if err != nil {
			t.Fatalf("open %d: %v", i, err)
		}
		must(t, db.Migrate(ctx))
		must(t, db.Ping(ctx))
		if db.Dialect() != "sqlite" {
			t.Errorf("dialect %q", db.Dialect())
		}
		if i == 0 {
			must(t, db.SavePage(ctx, &het.Page{Content: pub("about", "About")})) // survives the second open
			if _, err := os.Stat(path + "-wal"); err != nil {
				t.Errorf("no write-ahead log beside the database: %v", err)
			}
		} else if _, err := db.FindPage(ctx, "about", all); err != nil {
			t.Error(err)
		}
		must(t, db.Close())
	}
	// A file: URI with its own parameters works too.
	db, err := store.Open(ctx, "file:"+path+"?_pragma=cache_size(-2000)", nil)
	must(t, err)
	must(t, db.Close())
}

func TestOpenErrors(t *testing.T) {
	for _, dsn := range []string{"", ":memory:", "file::memory:?mode=memory", filepath.Join(t.TempDir(), "missing-dir", "het.db")} {
		if db, err := store.Open(context.Background(), dsn, nil); err == nil {
			db.Close()
			t.Errorf("Open(%q) succeeded", dsn)
		}
	}
}

func TestMigrateAgain(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		must(t, db.Migrate(context.Background()))
		must(t, db.Migrate(context.Background()))
		must(t, db.Ping(context.Background()))
	})
}

func TestBackup(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		must(t, db.SavePage(ctx, &het.Page{Content: pub("about", "About")}))
		path := filepath.Join(t.TempDir(), "backup.db")
		err := db.Backup(ctx, path)
		if db.Dialect() == "postgres" {
			wantCode(t, err, het.EINVALID)
			return
		}
		must(t, err)
		if err := db.Backup(ctx, path); err == nil {
			t.Error("backup over an existing file succeeded")
		}
		wantCode(t, db.Backup(ctx, ""), het.EINVALID)
		copy, err := store.Open(ctx, path, nil)
		must(t, err)
		defer copy.Close()
		if _, err := copy.FindPage(ctx, "about", all); err != nil {
			t.Errorf("backup lacks the page: %v", err)
		}
	})
}

func TestConcurrentWriters(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		seed(t, db)
		const writers, each = 6, 10
		var wg sync.WaitGroup
		errs := make(chan error, writers*each*2)
		for w := range writers {
			wg.Go(func() {
				for i := range each {
					n := &het.NewsItem{Content: pub(fmt.Sprintf("news-%d-%d", w, i), "News"), Links: het.Links{ObjectiveSlugs: []string{"best-start"}}}
					if err := db.SaveNews(ctx, n); err != nil {
						errs <- err
					}
					// Everyone also rewrites one shared item.
					shared := &het.Page{Content: pub("shared", fmt.Sprintf("Shared %d", i))}
					if err := db.SavePage(ctx, shared); err != nil {
						errs <- err
					}
					if _, _, err := db.ListNews(ctx, het.NewsFilter{Visibility: public, Limit: 5}); err != nil {
						errs <- err
					}
				}
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Error(err)
		}
		_, total, err := db.ListNews(ctx, het.NewsFilter{Limit: 1})
		must(t, err)
		if total != writers*each {
			t.Errorf("total %d, want %d", total, writers*each)
		}
	})
}

func TestContextCancelled(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		_, err := db.FindPage(ctx, "about", all)
		if !errors.Is(err, context.Canceled) {
			t.Errorf("err %v, want context.Canceled", err)
		}
	})
}

// TestConcurrentReaders runs more readers than the read pool has
// connections, so prepared statements are shared and sometimes skipped.
func TestConcurrentReaders(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		seedSearch(t, db)
		var wg sync.WaitGroup
		errs := make(chan error, 32*50)
		for g := range 32 {
			wg.Go(func() {
				for i := range 50 {
					var err error
					switch (g + i) % 4 {
					case 0:
						_, err = db.FindNews(ctx, "workshop", public)
					case 1:
						_, _, err = db.ListNews(ctx, het.NewsFilter{Visibility: public, Limit: 1 + i%3, Offset: i % 2})
					case 2:
						_, _, err = db.Search(ctx, het.SearchQuery{Visibility: public, Text: "walking"})
					case 3:
						_, err = db.ListObjectives(ctx, het.LinkFilter{Visibility: public})
					}
					if err != nil {
						errs <- err
					}
				}
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Error(err)
		}
	})
}
