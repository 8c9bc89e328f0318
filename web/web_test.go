package web

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"het"
	"het/demo"
	"het/store"
	"het/store/storetest"
)

// testNow is the fixed clock of every test: the demo's upcoming events are
// worked out from it.
var testNow = time.Date(2026, time.March, 2, 10, 0, 0, 0, time.UTC)

// hostileTitle and hostileBody are stored as a news item to prove that
// nothing an editor writes can run in a reader's browser.
const (
	hostileTitle = `<script>alert(1)</script>`
	hostileBody  = "Hello <script>alert(2)</script>\n\n" +
		"[click me](javascript:alert(3))\n\n" +
		`<img src="x" onerror="alert(4)">` + "\n\n" +
		`<a href="javascript:alert(5)" onclick="alert(6)">raw link</a>` + "\n\n" +
		"<iframe src=\"https://evil.example\"></iframe>\n"
)

// fixture is a Server over a real SQLite store loaded with the demo
// content, plus the log it writes.
type fixture struct {
	srv *Server
	db  *store.DB
	log *syncBuffer
}

// syncBuffer is a bytes.Buffer safe for the logger's concurrent writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// newFixture opens a fresh store, loads the demo content and a hostile
// news item, and starts a Server on it.
func newFixture(tb testing.TB) *fixture {
	tb.Helper()
	ctx := context.Background()
	db := storetest.MustOpen(tb)
	if _, err := demo.Load(ctx, db, testNow); err != nil {
		tb.Fatalf("demo.Load: %v", err)
	}
	hostile := &het.NewsItem{Content: het.Content{
		Slug: "hostile", Title: hostileTitle, Summary: `Summary with <b>tags</b> & "quotes"`, Body: hostileBody,
		Status: het.StatusPublished, PublishedAt: testNow.AddDate(-3, 0, 0),
	}}
	if err := db.SaveNews(ctx, hostile); err != nil {
		tb.Fatalf("SaveNews: %v", err)
	}
	return newFixtureOn(tb, db)
}

func newFixtureOn(tb testing.TB, db *store.DB) *fixture {
	tb.Helper()
	buf := &syncBuffer{}
	log := slog.New(slog.NewTextHandler(buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	site := het.LutonSite()
	site.BaseURL = "https://het.example.org"
	srv, err := New(Config{Site: site, Now: func() time.Time { return testNow }}, db, log)
	if err != nil {
		tb.Fatalf("New: %v", err)
	}
	return &fixture{srv: srv, db: db, log: buf}
}

// do sends a request through the whole handler and returns the response
// with its body read.
func (f *fixture) do(tb testing.TB, method, target string, body io.Reader) (*http.Response, string) {
	tb.Helper()
	req := httptest.NewRequest(method, target, body)
	rec := httptest.NewRecorder()
	f.srv.ServeHTTP(rec, req)
	res := rec.Result()
	b, _ := io.ReadAll(res.Body)
	return res, string(b)
}

func (f *fixture) get(tb testing.TB, target string) (*http.Response, string) {
	tb.Helper()
	return f.do(tb, http.MethodGet, target, nil)
}

// assertNoLeak fails when a body shows internals.
func assertNoLeak(t *testing.T, body string) {
	t.Helper()
	for _, bad := range []string{"goroutine", "panic", "runtime/", ".go:", "sql:", "SQLITE"} {
		if strings.Contains(body, bad) {
			t.Errorf("body leaks %q", bad)
		}
	}
}

func TestNewRejectsBadConfig(t *testing.T) {
	if _, err := New(Config{Site: het.LutonSite()}, nil, nil); err == nil {
		t.Error("New with a nil store should fail")
	}
	db := storetest.MustOpen(t)
	if _, err := New(Config{}, db, nil); err == nil {
		t.Error("New with no site name should fail")
	}
	for _, base := range []string{"", "localhost:8080", "ftp://example.org", "https://"} {
		site := het.LutonSite()
		site.BaseURL = base
		if _, err := New(Config{Site: site}, db, nil); err == nil {
			t.Errorf("New with BaseURL %q should fail", base)
		}
	}
	if _, err := New(Config{Site: het.LutonSite(), Dev: true, DevDir: t.TempDir()}, db, nil); err == nil {
		t.Error("New in dev mode without templates should fail")
	}
}

func TestDevModeReadsFromDisk(t *testing.T) {
	db := storetest.MustOpen(t)
	srv, err := New(Config{Site: het.LutonSite(), Dev: true, DevDir: ".", Now: func() time.Time { return testNow }}, db, nil)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	for _, path := range []string{"/", "/static/het.js", "/no-such-page"} {
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		if want := map[bool]int{true: 404, false: 200}[path == "/no-such-page"]; rec.Code != want {
			t.Errorf("dev GET %s = %d, want %d", path, rec.Code, want)
		}
	}
}
