// Package bench holds the page benchmarks: run.sh measures het over HTTP
// against a static file server; the Go benchmarks here measure the handler
// in-process, for profiling:
//
//	go test -run '^$' -bench . -cpuprofile cpu.out ./bench/
package bench

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"het"
	"het/demo"
	"het/store"
	"het/web"
)

// hub serves the demo from a fresh SQLite file, with production settings
// and the given page cache period (0: none).
func hub(b *testing.B, pageCache time.Duration) (http.Handler, string) {
	b.Helper()
	ctx := context.Background()
	log := slog.New(slog.NewJSONHandler(io.Discard, nil))
	db, err := store.Open(ctx, filepath.Join(b.TempDir(), "het.db"), log)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	if _, err := demo.Load(ctx, db, time.Now()); err != nil {
		b.Fatal(err)
	}
	srv, err := web.New(web.Config{Site: het.LutonSite(), Ready: db.Ping, PageCache: pageCache}, db, log)
	if err != nil {
		b.Fatal(err)
	}
	news, _, err := db.ListNews(ctx, het.NewsFilter{Visibility: het.Visibility{Public: true, Now: time.Now()}, Limit: 1})
	if err != nil || len(news) == 0 {
		b.Fatalf("no news: %v", err)
	}
	return srv, "/news/" + news[0].Slug
}

func benchPage(b *testing.B, h http.Handler, path string) {
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			w := httptest.NewRecorder()
			h.ServeHTTP(w, httptest.NewRequest("GET", path, nil))
			if w.Code != http.StatusOK {
				b.Errorf("GET %s: %d", path, w.Code)
				return
			}
		}
	})
}

func BenchmarkPages(b *testing.B) {
	h, article := hub(b, 0)
	b.Run("home", func(b *testing.B) { benchPage(b, h, "/") })
	b.Run("article", func(b *testing.B) { benchPage(b, h, article) })
}

// BenchmarkPagesCached is the same with web.Config.PageCache set: nearly
// every request is answered from memory.
func BenchmarkPagesCached(b *testing.B) {
	h, article := hub(b, time.Second)
	b.Run("home", func(b *testing.B) { benchPage(b, h, "/") })
	b.Run("article", func(b *testing.B) { benchPage(b, h, article) })
}
