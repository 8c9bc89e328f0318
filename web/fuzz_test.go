package web

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// FuzzRequest sends arbitrary paths and query strings to the hub: nothing
// may answer 500 or show internals.
func FuzzRequest(f *testing.F) {
	for _, s := range []string{
		"/news?page=2&objective=fair-work", "/search?q=walk&kind=news", "/events?priority=%ff", "/programmes?cost=Free&page=-1",
		"/news/%2e%2e", "/events/x.ics", "/static/../../etc/passwd", "/search?q=%22NEAR(", "/programmes/a/files/..",
	} {
		f.Add(s)
	}
	fx := newFixture(f)
	f.Fuzz(func(t *testing.T, target string) {
		if !strings.HasPrefix(target, "/") || strings.ContainsAny(target, " \r\n\t#") {
			return
		}
		if _, err := url.ParseRequestURI(target); err != nil {
			return
		}
		rec := httptest.NewRecorder()
		fx.srv.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, target, nil))
		if rec.Code >= 500 {
			t.Fatalf("GET %q = %d", target, rec.Code)
		}
		body := rec.Body.String()
		for _, bad := range []string{"goroutine ", "panic:", "runtime error"} {
			if strings.Contains(body, bad) {
				t.Fatalf("GET %q shows %q", target, bad)
			}
		}
	})
}
