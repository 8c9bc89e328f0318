package web

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// pageCacheCounter answers with a body naming how many times it has run.
type pageCacheCounter struct {
	n      atomic.Int64
	status int
	header map[string]string
}

func (h *pageCacheCounter) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	n := h.n.Add(1)
	for k, v := range h.header {
		w.Header().Set(k, v)
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if h.status != 0 {
		w.WriteHeader(h.status)
	}
	fmt.Fprintf(w, "render %d of %s", n, r.URL.RequestURI())
}

func newTestPageCache(h http.Handler, ttl time.Duration) *pageCache {
	return &pageCache{ttl: ttl, next: h, entries: make(map[string]*cachedPage)}
}

// cacheGet serves one request through c as the middleware would: with a
// request ID and the security headers already set.
func cacheGet(c http.Handler, target string, header ...string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(http.MethodGet, target, nil)
	for i := 0; i+1 < len(header); i += 2 {
		r.Header.Set(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	w.Header().Set("X-Request-ID", newRequestID())
	w.Header().Set("Content-Security-Policy", contentSecurityPolicy)
	c.ServeHTTP(w, r)
	return w
}

func TestPageCacheServesRepeatsFromMemory(t *testing.T) {
	h := &pageCacheCounter{header: map[string]string{"Cache-Control": "no-cache"}}
	c := newTestPageCache(h, time.Minute)
	first := cacheGet(c, "/news?page=1")
	second := cacheGet(c, "/news?page=1")
	if h.n.Load() != 1 {
		t.Fatalf("handler ran %d times, want 1", h.n.Load())
	}
	if first.Body.String() != second.Body.String() || second.Code != http.StatusOK {
		t.Errorf("cached response %d %q, want 200 %q", second.Code, second.Body, first.Body)
	}
	if got := second.Header().Get("Content-Type"); got != "text/html; charset=utf-8" {
		t.Errorf("cached Content-Type %q", got)
	}
	if got := second.Header().Get("Cache-Control"); got != "no-cache" {
		t.Errorf("cached Cache-Control %q, want the handler's no-cache", got)
	}
	if first.Header().Get("X-Request-ID") == second.Header().Get("X-Request-ID") {
		t.Error("the cached response repeated the first request's ID")
	}
	cacheGet(c, "/news?page=2")
	cacheGet(c, "/news")
	if h.n.Load() != 3 {
		t.Errorf("handler ran %d times for 3 distinct URLs, want 3", h.n.Load())
	}
}

func TestPageCacheKeepsHandlerHeaders(t *testing.T) {
	// A download replaces the site's CSP with a sandbox; a cached copy must
	// keep the sandbox, not the default the middleware set.
	h := &pageCacheCounter{header: map[string]string{"Content-Security-Policy": "default-src 'none'; sandbox"}}
	c := newTestPageCache(h, time.Minute)
	cacheGet(c, "/programmes/x/files/map.pdf")
	w := cacheGet(c, "/programmes/x/files/map.pdf")
	if h.n.Load() != 1 {
		t.Fatalf("handler ran %d times, want 1", h.n.Load())
	}
	if got := w.Header().Get("Content-Security-Policy"); got != "default-src 'none'; sandbox" {
		t.Errorf("cached CSP %q, want the handler's sandbox", got)
	}
}

func TestPageCacheBypass(t *testing.T) {
	tests := []struct {
		name   string
		method string
		target string
		header []string
		status int
		set    map[string]string
	}{
		{name: "cookie", target: "/", header: []string{"Cookie", "session=x"}},
		{name: "authorization", target: "/", header: []string{"Authorization", "Bearer x"}},
		{name: "head", method: http.MethodHead, target: "/"},
		{name: "health", target: "/healthz"},
		{name: "ready", target: "/readyz"},
		{name: "static", target: "/static/dist/het.css"},
		{name: "not found", target: "/nope", status: http.StatusNotFound},
		{name: "bad request", target: "/news?page=x", status: http.StatusBadRequest},
		{name: "no-store", target: "/", set: map[string]string{"Cache-Control": "no-store"}},
		{name: "private", target: "/", set: map[string]string{"Cache-Control": "private, max-age=60"}},
		{name: "set-cookie", target: "/", set: map[string]string{"Set-Cookie": "a=b"}},
		{name: "vary", target: "/", set: map[string]string{"Vary": "Accept-Encoding"}},
		{name: "content-encoding", target: "/", set: map[string]string{"Content-Encoding": "gzip"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := &pageCacheCounter{status: tt.status, header: tt.set}
			c := newTestPageCache(h, time.Minute)
			for range 2 {
				r := httptest.NewRequest(tt.method, tt.target, nil)
				if tt.method == "" {
					r.Method = http.MethodGet
				}
				for i := 0; i+1 < len(tt.header); i += 2 {
					r.Header.Set(tt.header[i], tt.header[i+1])
				}
				c.ServeHTTP(httptest.NewRecorder(), r)
			}
			if h.n.Load() != 2 {
				t.Errorf("handler ran %d times, want 2 (not cached)", h.n.Load())
			}
		})
	}
}

func TestPageCacheExpiry(t *testing.T) {
	h := &pageCacheCounter{}
	c := newTestPageCache(h, time.Minute)
	cacheGet(c, "/")
	// Expire the entry: the next request renders again.
	c.entries["/"].expires = time.Now().Add(-time.Second)
	if w := cacheGet(c, "/"); w.Body.String() != "render 2 of /" {
		t.Errorf("after expiry got %q, want a fresh render", w.Body)
	}
	// While one request refreshes an expired entry, others get the old copy.
	c.entries["/"].expires = time.Now().Add(-time.Second)
	c.entries["/"].refreshing = true
	if w := cacheGet(c, "/"); w.Body.String() != "render 2 of /" {
		t.Errorf("during a refresh got %q, want the previous copy", w.Body)
	}
	// ...but not for ever.
	c.entries["/"].expires = time.Now().Add(-pageCacheMaxStale - time.Second)
	if w := cacheGet(c, "/"); w.Body.String() != "render 3 of /" {
		t.Errorf("long after expiry got %q, want a fresh render", w.Body)
	}
}

func TestPageCacheRefreshAfterPanic(t *testing.T) {
	var fail atomic.Bool
	next := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if fail.Load() {
			panic("boom")
		}
		fmt.Fprint(w, "ok")
	})
	c := newTestPageCache(next, time.Minute)
	cacheGet(c, "/")
	c.entries["/"].expires = time.Now().Add(-time.Second)
	fail.Store(true)
	func() {
		defer func() { _ = recover() }()
		cacheGet(c, "/")
	}()
	if c.entries["/"].refreshing {
		t.Error("a panicking refresh left the entry marked refreshing")
	}
}

func TestPageCacheBounded(t *testing.T) {
	h := &pageCacheCounter{}
	c := newTestPageCache(h, time.Minute)
	for i := range pageCacheEntries + 10 {
		cacheGet(c, fmt.Sprintf("/search?q=%d", i))
	}
	if len(c.entries) > pageCacheEntries {
		t.Errorf("cache holds %d entries, limit %d", len(c.entries), pageCacheEntries)
	}
	// Expired entries make room again.
	for _, e := range c.entries {
		e.expires = time.Now().Add(-pageCacheMaxStale - time.Second)
	}
	cacheGet(c, "/new")
	if _, ok := c.entries["/new"]; !ok || len(c.entries) != 1 {
		t.Errorf("after expiry the cache holds %d entries, want only the new one", len(c.entries))
	}
}

func TestPageCacheConcurrent(t *testing.T) {
	h := &pageCacheCounter{}
	c := newTestPageCache(h, time.Millisecond)
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			for j := range 200 {
				w := cacheGet(c, fmt.Sprintf("/p%d", (i+j)%4))
				if w.Code != http.StatusOK {
					t.Errorf("status %d", w.Code)
					return
				}
			}
		})
	}
	wg.Wait()
}

func TestPageCacheOffByDefault(t *testing.T) {
	s := &Server{}
	next := http.NotFoundHandler()
	if got := s.withPageCache(next); fmt.Sprintf("%p", got) != fmt.Sprintf("%p", next) {
		t.Error("a zero Config.PageCache should leave the handler unwrapped")
	}
	s.cfg = Config{PageCache: time.Second, Dev: true}
	if _, ok := s.withPageCache(next).(*pageCache); ok {
		t.Error("dev mode should not cache")
	}
	s.cfg = Config{PageCache: time.Second}
	if _, ok := s.withPageCache(next).(*pageCache); !ok {
		t.Error("a positive Config.PageCache should cache")
	}
}
