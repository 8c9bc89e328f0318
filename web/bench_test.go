package web

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// benchmarkPage serves path repeatedly through the whole handler (middleware,
// store reads on SQLite, template execution).
func benchmarkPage(b *testing.B, path string) {
	f := newFixture(b)
	req := httptest.NewRequest(http.MethodGet, path, nil)
	rec := httptest.NewRecorder()
	f.srv.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		b.Fatalf("GET %s = %d", path, rec.Code)
	}
	b.SetBytes(int64(rec.Body.Len()))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		rec := httptest.NewRecorder()
		f.srv.ServeHTTP(rec, req)
	}
}

func BenchmarkHome(b *testing.B) { benchmarkPage(b, "/") }

func BenchmarkNewsItem(b *testing.B) { benchmarkPage(b, "/news/wellbeing-self-help-app") }
