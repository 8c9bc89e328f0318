package web

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"het"
)

// TestBadInput sends malformed and hostile requests: each must get a 4xx
// (or a redirect to the cleaned path), never a 500, and no internals.
func TestBadInput(t *testing.T) {
	f := newFixture(t)
	tests := []struct {
		name, method, path string
		status             int
		want               string
	}{
		{"negative page", "GET", "/news?page=-1", 400, "The page number must be a whole number"},
		{"zero page", "GET", "/news?page=0", 400, ""},
		{"page abc", "GET", "/news?page=abc", 400, ""},
		{"page overflow", "GET", "/news?page=99999999999999999999", 400, ""},
		{"page too far", "GET", "/news?page=999", 404, "Page not found"},
		{"page float", "GET", "/events?page=1.5", 400, ""},
		{"events page overflow", "GET", "/events/past?page=99999999999999999999", 400, ""},
		{"programmes page", "GET", "/programmes?page=-5", 400, ""},
		{"search page", "GET", "/search?q=health&page=abc", 400, ""},
		{"unknown objective", "GET", "/news?objective=nope", 400, `<a href="#objective">Select an objective from the list</a>`},
		{"unknown priority", "GET", "/news?priority=nope", 400, "govuk-error-summary"},
		{"unknown year", "GET", "/news?year=1800", 400, "Select a year from the list"},
		{"year abc", "GET", "/news?year=abc", 400, "govuk-form-group--error"},
		{"events unknown objective", "GET", "/events?objective=%3Cscript%3E", 400, "Select an objective"},
		{"past events unknown priority", "GET", "/events/past?priority=nope", 400, ""},
		{"programmes unknown audience", "GET", "/programmes?audience=nope", 400, "Select an audience"},
		{"programmes unknown cost", "GET", "/programmes?cost=nope", 400, "Select a cost"},
		{"search unknown kind", "GET", "/search?q=x&kind=nope", 400, "Select what to search"},
		{"search too long", "GET", "/search?q=" + strings.Repeat("a", 201), 400, "200 characters or fewer"},
		{"invalid utf-8 value", "GET", "/news?objective=%ff", 400, "There is a problem with the web address"},
		{"invalid utf-8 key", "GET", "/search?%fe=1", 400, ""},
		{"invalid utf-8 search", "GET", "/search?q=%c3%28", 400, ""},
		{"bad escape", "GET", "/news?objective=%zz", 400, ""},
		{"search quote", "GET", "/search?q=%22", 200, ""},
		{"search fts syntax", "GET", "/search?q=NEAR(a+b)+OR+*+AND+-x+col:y", 200, ""},
		{"search sql", "GET", "/search?q=%27%3B+DROP+TABLE+news%3B--", 200, ""},
		{"search spaces only", "GET", "/search?q=+++", 200, ""},
		{"search control chars", "GET", "/search?q=a%00b%07", 200, ""},
		{"huge query", "GET", "/search?q=" + strings.Repeat("a", 5000), 400, ""},
		{"unknown objective slug", "GET", "/objectives/nope", 404, "Page not found"},
		{"bad slug chars", "GET", "/objectives/NOPE", 404, ""},
		{"slug too long", "GET", "/news/" + strings.Repeat("a", 101), 404, ""},
		{"unknown news", "GET", "/news/nope", 404, ""},
		{"unknown event", "GET", "/events/nope", 404, ""},
		{"unknown event ics", "GET", "/events/nope.ics", 404, ""},
		{"bare ics", "GET", "/events/.ics", 404, ""},
		{"unknown programme", "GET", "/programmes/nope", 404, ""},
		{"unknown file", "GET", "/programmes/heritage-walking-maps/files/nope.pdf", 404, ""},
		{"file of unknown programme", "GET", "/programmes/nope/files/town-centre-heritage-walk.txt", 404, ""},
		{"file traversal", "GET", "/programmes/heritage-walking-maps/files/..%2f..%2fetc%2fpasswd", 404, ""},
		{"unknown page", "GET", "/pages/nope", 404, ""},
		{"nul in slug", "GET", "/pages/a%00b", 404, ""},
		{"unknown case study", "GET", "/case-studies/nope", 404, ""},
		{"draft-looking path", "GET", "/news/", 404, ""},
		{"static traversal", "GET", "/static/..%2fweb.go", 404, ""},
		{"static hidden", "GET", "/static/.secret", 404, ""},
		{"static directory", "GET", "/static/dist", 404, ""},
		{"static missing", "GET", "/static/nope.css", 404, ""},
		{"post home", "POST", "/", 405, ""},
		{"post news", "POST", "/news", 405, ""},
		{"put event", "PUT", "/events/healthfest-wardown-park", 405, ""},
		{"delete feed", "DELETE", "/feed.atom", 405, ""},
		{"post unknown", "POST", "/no-such-page", 405, ""},
		{"dot segments", "GET", "/news/../objectives", http.StatusTemporaryRedirect, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, body := f.do(t, tt.method, tt.path, strings.NewReader(strings.Repeat("x", 100<<10)))
			if res.StatusCode != tt.status {
				t.Errorf("%s %s = %d, want %d", tt.method, tt.path, res.StatusCode, tt.status)
			}
			if tt.want != "" && !strings.Contains(body, tt.want) {
				t.Errorf("%s %s: body lacks %q", tt.method, tt.path, tt.want)
			}
			if res.StatusCode == 400 && res.Header.Get("Content-Type") == "text/html; charset=utf-8" &&
				!strings.Contains(body, "<title>Error: ") && !strings.Contains(body, "There is a problem with the web address") {
				t.Errorf("%s %s: a 400 page should say what is wrong", tt.method, tt.path)
			}
			assertNoLeak(t, body)
		})
	}
	if strings.Contains(f.log.String(), "level=ERROR") {
		t.Errorf("bad input logged errors:\n%s", f.log.String())
	}
}

// failingStore is the real store with one method broken or panicking, to
// reach the 500 paths.
type failingStore struct {
	het.ContentStore
	panic bool
}

func (s failingStore) ListObjectives(ctx context.Context, f het.LinkFilter) ([]*het.Objective, error) {
	if s.panic {
		panic("boom: secret detail")
	}
	return nil, errors.New("database is locked: secret detail")
}

func (s failingStore) ActiveAlert(context.Context, time.Time) (*het.Alert, error) {
	return nil, errors.New("alert table gone")
}

// TestServerErrors checks that an internal error or a panic becomes the 500
// page with the request ID, logged with the same ID, with no detail shown.
func TestServerErrors(t *testing.T) {
	f := newFixture(t)
	for _, panics := range []bool{false, true} {
		srv, err := New(Config{Site: het.LutonSite(), Now: func() time.Time { return testNow }}, failingStore{f.db, panics}, f.srv.log)
		if err != nil {
			t.Fatal(err)
		}
		g := &fixture{srv: srv, db: f.db, log: f.log}
		req := "/objectives"
		res, body := g.do(t, http.MethodGet, req, nil)
		if res.StatusCode != 500 {
			t.Fatalf("panic=%v: status %d, want 500", panics, res.StatusCode)
		}
		id := res.Header.Get("X-Request-ID")
		if id == "" || !strings.Contains(body, "quote reference "+id) {
			t.Errorf("panic=%v: the 500 page should show request ID %q", panics, id)
		}
		if !strings.Contains(body, "Sorry, there is a problem with the service") {
			t.Errorf("panic=%v: not the 500 page", panics)
		}
		if strings.Contains(body, "secret detail") {
			t.Errorf("panic=%v: the 500 page leaks the error", panics)
		}
		assertNoLeak(t, body)
		logged := f.log.String()
		if !strings.Contains(logged, "request_id="+id) || !strings.Contains(logged, "secret detail") {
			t.Errorf("panic=%v: the error is not logged with its request ID:\n%s", panics, logged)
		}
		// A page that does not touch the failing method still renders,
		// without the alert banner.
		if res, _ := g.get(t, "/pages/about"); res.StatusCode != 200 {
			t.Errorf("panic=%v: /pages/about = %d despite only the alert failing", panics, res.StatusCode)
		}
	}
}

// TestReadyz checks /readyz follows Config.Ready.
func TestReadyz(t *testing.T) {
	f := newFixture(t)
	for _, fail := range []bool{false, true} {
		ready := func(context.Context) error {
			if fail {
				return errors.New("db down")
			}
			return nil
		}
		srv, err := New(Config{Site: het.LutonSite(), Ready: ready}, f.db, nil)
		if err != nil {
			t.Fatal(err)
		}
		res, body := (&fixture{srv: srv}).get(t, "/readyz")
		want := map[bool]int{false: 200, true: 503}[fail]
		if res.StatusCode != want || strings.Contains(body, "db down") {
			t.Errorf("fail=%v: /readyz = %d %q, want %d without the reason", fail, res.StatusCode, body, want)
		}
	}
}
