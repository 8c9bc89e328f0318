package e2e

import (
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
)

// badPage breaks rules on purpose: no lang, an image with no alt text, a
// form field with no label, an inline script and an inline style that the
// CSP refuses, and a script that throws.
const badPage = `<!doctype html><html><head><title>bad</title></head><body>
<main id="main-content"><h1>Bad</h1>
<img src="/pixel.gif">
<input type="text" name="x">
<p style="color: #bbb">low contrast</p>
<script>document.title = 'inline script ran';</script>
<script src="/throw.js"></script>
</main></body></html>`

// selfCheck proves the checks are not vacuous: on a page with known defects,
// axe-core reports them and the console watch sees the CSP violations and
// the exception.
func (b *browser) selfCheck(t *testing.T, axe string) {
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'")
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(badPage))
	})
	mux.HandleFunc("/pixel.gif", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/gif")
		w.Write([]byte("GIF89a\x01\x00\x01\x00\x00\x00\x00;"))
	})
	mux.HandleFunc("/throw.js", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/javascript")
		w.Write([]byte("throw new Error('e2e self-check')"))
	})
	ts := httptest.NewServer(mux)
	defer ts.Close()

	b.drain()
	if _, err := b.open(ts.URL + "/"); err != nil {
		t.Fatalf("open the bad page: %v", err)
	}
	vs, err := b.runAxe(axe)
	if err != nil {
		t.Fatalf("axe: %v", err)
	}
	var ids []string
	for _, v := range vs {
		ids = append(ids, v.ID)
	}
	for _, want := range []string{"html-has-lang", "image-alt", "label"} {
		if !slices.Contains(ids, want) {
			t.Errorf("axe-core missed %s on the bad page; it reported %v", want, ids)
		}
	}
	errs, _ := b.consoleProblems(ts.URL + "/")
	all := strings.Join(errs, "\n")
	if n := strings.Count(all, "CSP violation"); n < 2 {
		t.Errorf("the console watch saw %d CSP violations, want the inline script's and the inline style's:\n%s", n, all)
	}
	if !strings.Contains(all, "e2e self-check") {
		t.Errorf("the console watch missed the uncaught exception:\n%s", all)
	}
}
