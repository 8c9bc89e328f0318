package web

import (
	"bytes"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"
)

// Page cache limits: how many responses it holds, the largest body it keeps,
// and how long after expiry a copy may still be served while another request
// renders its replacement.
const (
	pageCacheEntries  = 2048
	pageCacheMaxBody  = 1 << 20
	pageCacheMaxStale = 10 * time.Second
)

// pageCache is a "microcache": it keeps each successful anonymous GET
// response for Config.PageCache (e.g. one second) and answers identical
// requests from memory meanwhile, so a busy page is rendered about once per
// period however many people ask for it. Content edits and scheduled items
// show at most one period late.
//
// When an entry expires, the first request renders it again while the others
// keep getting the previous copy (stale-while-revalidate), so an expiry under
// load does not send every waiting request to the database at once.
//
// Only 200 responses to GET requests without Cookie or Authorization headers
// are kept; responses marked private or no-store, varying with request headers
// or setting cookies are not.
// Health checks and static files bypass it. The middleware around it still
// runs for every request, so each response keeps its own request ID and
// security headers; headers the handler set or changed (Content-Type,
// Cache-Control, a download's Content-Security-Policy, ...) are stored with
// the body.
type pageCache struct {
	ttl  time.Duration
	next http.Handler

	mu      sync.Mutex
	entries map[string]*cachedPage
}

// cachedPage is one stored response.
type cachedPage struct {
	header     http.Header // the headers the handler set or changed
	body       []byte
	expires    time.Time
	refreshing bool // a request is rendering the replacement
}

// withPageCache wraps next in a page cache when the configuration asks for
// one (and not in dev mode, where templates change under it).
func (s *Server) withPageCache(next http.Handler) http.Handler {
	if s.cfg.PageCache <= 0 || s.cfg.Dev {
		return next
	}
	return &pageCache{ttl: s.cfg.PageCache, next: next, entries: make(map[string]*cachedPage)}
}

// cacheable reports whether a request may be answered from the cache.
func cacheable(r *http.Request) bool {
	if r.Method != http.MethodGet || r.Header.Get("Cookie") != "" || r.Header.Get("Authorization") != "" {
		return false
	}
	p := r.URL.Path
	return p != "/healthz" && p != "/readyz" && !strings.HasPrefix(p, "/static/")
}

func (c *pageCache) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !cacheable(r) {
		c.next.ServeHTTP(w, r)
		return
	}
	key := r.URL.RequestURI()
	now := time.Now()

	c.mu.Lock()
	e := c.entries[key]
	if e != nil && (now.Before(e.expires) || (e.refreshing && now.Before(e.expires.Add(pageCacheMaxStale)))) {
		c.mu.Unlock()
		e.write(w)
		return
	}
	if e != nil {
		e.refreshing = true
	}
	c.mu.Unlock()

	stored := false
	if e != nil {
		// Whatever happens to this request (even a panic), let the next one
		// refresh the entry if this one did not.
		defer func() {
			if !stored {
				c.mu.Lock()
				e.refreshing = false
				c.mu.Unlock()
			}
		}()
	}
	before := w.Header().Clone()
	rec := &teeWriter{ResponseWriter: w}
	c.next.ServeHTTP(rec, r)
	if !rec.keep() {
		return
	}
	entry := &cachedPage{header: changedHeaders(before, w.Header()), body: bytes.Clone(rec.buf.Bytes()), expires: time.Now().Add(c.ttl)}
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.entries) >= pageCacheEntries && c.entries[key] == nil {
		c.sweep(now)
		if len(c.entries) >= pageCacheEntries {
			return
		}
	}
	c.entries[key] = entry
	stored = true
}

// sweep drops the entries too old to serve even while refreshing. The
// caller holds c.mu.
func (c *pageCache) sweep(now time.Time) {
	for k, e := range c.entries {
		if !now.Before(e.expires.Add(pageCacheMaxStale)) {
			delete(c.entries, k)
		}
	}
}

// write sends the stored response.
func (e *cachedPage) write(w http.ResponseWriter) {
	h := w.Header()
	for k, v := range e.header {
		h[k] = v
	}
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(e.body)
}

// changedHeaders returns the headers in after that are not the same in
// before, leaving out the request's own ID.
func changedHeaders(before, after http.Header) http.Header {
	out := make(http.Header, len(after))
	for k, v := range after {
		if k == "X-Request-Id" || slices.Equal(before[k], v) {
			continue
		}
		out[k] = slices.Clone(v)
	}
	return out
}

// teeWriter passes a response through and keeps a copy of its body while it
// may still be cached.
type teeWriter struct {
	http.ResponseWriter
	code    int
	buf     bytes.Buffer
	tooBig  bool
	flushed bool
}

func (t *teeWriter) WriteHeader(code int) {
	if t.code == 0 {
		t.code = code
	}
	t.ResponseWriter.WriteHeader(code)
}

func (t *teeWriter) Write(p []byte) (int, error) {
	if t.code == 0 {
		t.code = http.StatusOK
	}
	if t.code == http.StatusOK && !t.tooBig {
		if t.buf.Len()+len(p) > pageCacheMaxBody {
			t.tooBig = true
			t.buf = bytes.Buffer{}
		} else {
			t.buf.Write(p)
		}
	}
	return t.ResponseWriter.Write(p)
}

// Flush keeps streaming responses working; a flushed response is not cached.
func (t *teeWriter) Flush() {
	t.flushed = true
	if f, ok := t.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (t *teeWriter) Unwrap() http.ResponseWriter { return t.ResponseWriter }

// keep reports whether the response may be stored.
func (t *teeWriter) keep() bool {
	if t.code != http.StatusOK || t.tooBig || t.flushed {
		return false
	}
	h := t.Header()
	// The key is the URL alone, so a response that varies with the request's
	// headers (Vary, a negotiated Content-Encoding) or sets a cookie is never
	// kept.
	if h.Get("Set-Cookie") != "" || h.Get("Vary") != "" || h.Get("Content-Encoding") != "" {
		return false
	}
	cc := strings.ToLower(strings.Join(h.Values("Cache-Control"), ","))
	return !strings.Contains(cc, "no-store") && !strings.Contains(cc, "private")
}
