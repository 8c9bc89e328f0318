package web

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/tls"
	"encoding/xml"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"het/demo"
)

// TestHostileContentIsInert stores a news item whose title is a script tag
// and whose Markdown body carries raw script, javascript: links and event
// handlers, and checks every page that shows it.
func TestHostileContentIsInert(t *testing.T) {
	f := newFixture(t)
	for _, path := range []string{"/news/hostile", "/news?year=2023", "/search?q=script", "/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E"} {
		res, body := f.get(t, path)
		if res.StatusCode != 200 {
			t.Fatalf("GET %s = %d", path, res.StatusCode)
		}
		assertInert(t, path, body)
	}
	_, body := f.get(t, "/news/hostile")
	for _, want := range []string{
		"<title>&lt;script&gt;alert(1)&lt;/script&gt; – Luton Health Equity Town</title>",
		`<h1 class="govuk-heading-xl">&lt;script&gt;alert(1)&lt;/script&gt;</h1>`,
		"Summary with &lt;b&gt;tags&lt;/b&gt; &amp; &#34;quotes&#34;",
		"click me", "raw link",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("/news/hostile lacks %q", want)
		}
	}

	// In the Atom feed the body is HTML carried as text: decoded, it must
	// still be inert.
	_, atom := f.get(t, "/feed.atom")
	var feed atomFeed
	if err := xml.Unmarshal([]byte(atom), &feed); err != nil {
		t.Fatalf("parse atom: %v", err)
	}
	for _, e := range feed.Entries {
		if e.Title != hostileTitle {
			continue
		}
		assertInert(t, "atom entry", e.Content.Body)
	}
}

// assertInert parses body as HTML and fails on anything that could run:
// scripts other than the site's module and JSON-LD data, frames, embedded
// objects, event-handler attributes and javascript: or data: URLs.
func assertInert(t *testing.T, where, body string) {
	t.Helper()
	z := html.NewTokenizer(strings.NewReader(body))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		tok := z.Token()
		switch tok.Data {
		case "iframe", "object", "embed", "img", "base", "meta":
			if tok.Data == "meta" && attr(tok, "http-equiv") == "" {
				break
			}
			t.Errorf("%s: unexpected <%s>", where, tok.Data)
		case "script":
			typ, src := attr(tok, "type"), attr(tok, "src")
			if !(typ == "application/ld+json" || typ == "module" && strings.HasPrefix(src, "/static/")) {
				t.Errorf("%s: unexpected script %v", where, tok.Attr)
			}
		}
		for _, a := range tok.Attr {
			v := strings.ToLower(strings.TrimSpace(a.Val))
			if strings.HasPrefix(a.Key, "on") || a.Key == "style" || a.Key == "srcdoc" ||
				strings.HasPrefix(v, "javascript:") || strings.HasPrefix(v, "data:") || strings.HasPrefix(v, "vbscript:") {
				t.Errorf("%s: dangerous attribute %s=%q on <%s>", where, a.Key, a.Val, tok.Data)
			}
		}
	}
}

func attr(tok html.Token, key string) string {
	for _, a := range tok.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// TestSecurityHeaders checks the headers every response carries, HSTS only
// over TLS (or from a trusted proxy), and the request ID.
func TestSecurityHeaders(t *testing.T) {
	f := newFixture(t)
	for _, path := range []string{"/", "/no-such-page", "/news?page=-1", "/feed.atom", "/static/het.js", "/healthz"} {
		res, _ := f.get(t, path)
		h := res.Header
		for k, v := range map[string]string{
			"Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
			"X-Content-Type-Options":  "nosniff",
			"Referrer-Policy":         "strict-origin-when-cross-origin",
			"X-Frame-Options":         "DENY",
		} {
			if got := h.Get(k); got != v {
				t.Errorf("GET %s: %s = %q, want %q", path, k, got, v)
			}
		}
		if h.Get("Permissions-Policy") == "" {
			t.Errorf("GET %s: no Permissions-Policy", path)
		}
		if h.Get("Strict-Transport-Security") != "" {
			t.Errorf("GET %s: HSTS over plain HTTP", path)
		}
		if len(h.Get("X-Request-ID")) != 24 {
			t.Errorf("GET %s: X-Request-ID = %q", path, h.Get("X-Request-ID"))
		}
	}

	req := httptest.NewRequest("GET", "/", nil)
	req.TLS = &tls.ConnectionState{}
	rec := httptest.NewRecorder()
	f.srv.ServeHTTP(rec, req)
	if rec.Header().Get("Strict-Transport-Security") == "" {
		t.Error("no HSTS over TLS")
	}

	// X-Forwarded-Proto counts only from a trusted proxy.
	req = httptest.NewRequest("GET", "/", nil)
	req.Header.Set("X-Forwarded-Proto", "https")
	rec = httptest.NewRecorder()
	f.srv.ServeHTTP(rec, req)
	if rec.Header().Get("Strict-Transport-Security") != "" {
		t.Error("HSTS from an untrusted X-Forwarded-Proto")
	}
	f.srv.cfg.TrustProxy = true
	rec = httptest.NewRecorder()
	f.srv.ServeHTTP(rec, req)
	if rec.Header().Get("Strict-Transport-Security") == "" {
		t.Error("no HSTS behind a trusted TLS proxy")
	}

	// A sane incoming request ID is kept; a hostile one is replaced.
	for id, keep := range map[string]bool{"abc-123.DEF_4": true, "bad id\r\nX: y": false, strings.Repeat("a", 65): false} {
		req = httptest.NewRequest("GET", "/healthz", nil)
		req.Header.Set("X-Request-ID", id)
		rec = httptest.NewRecorder()
		f.srv.ServeHTTP(rec, req)
		if got := rec.Header().Get("X-Request-ID"); (got == id) != keep {
			t.Errorf("X-Request-ID %q came back as %q", id, got)
		}
	}
}

// TestDownloadHeaders checks programme files are served as inert
// attachments with their stored type.
func TestDownloadHeaders(t *testing.T) {
	f := newFixture(t)
	res, body := f.get(t, "/programmes/heritage-walking-maps/files/town-centre-heritage-walk.svg")
	if res.StatusCode != 200 || body == "" {
		t.Fatalf("status %d, %d bytes", res.StatusCode, len(body))
	}
	h := res.Header
	for k, v := range map[string]string{
		"Content-Type":            "image/svg+xml",
		"Content-Disposition":     `attachment; filename=town-centre-heritage-walk.svg`,
		"X-Content-Type-Options":  "nosniff",
		"Content-Security-Policy": "default-src 'none'; sandbox",
	} {
		if got := h.Get(k); got != v {
			t.Errorf("%s = %q, want %q", k, got, v)
		}
	}
	if h.Get("Content-Length") == "" {
		t.Error("no Content-Length")
	}
}

// TestStaticFingerprints checks asset URLs carry a content hash, that the
// hashed URL is cached for a year and any other briefly.
func TestStaticFingerprints(t *testing.T) {
	f := newFixture(t)
	u := f.srv.assetURL("het.js")
	if !strings.HasPrefix(u, "/static/het.js?v=") || len(u) != len("/static/het.js?v=")+12 {
		t.Fatalf("assetURL = %q", u)
	}
	res, _ := f.get(t, u)
	if got := res.Header.Get("Cache-Control"); got != "public, max-age=31536000, immutable" {
		t.Errorf("fingerprinted Cache-Control = %q", got)
	}
	res, _ = f.get(t, "/static/het.js?v=old")
	if got := res.Header.Get("Cache-Control"); got != "public, max-age=300" {
		t.Errorf("stale Cache-Control = %q", got)
	}
	req := httptest.NewRequest("GET", u, nil)
	req.Header.Set("If-None-Match", res.Header.Get("ETag"))
	rec := httptest.NewRecorder()
	f.srv.ServeHTTP(rec, req)
	if rec.Code != http.StatusNotModified {
		t.Errorf("conditional GET = %d, want 304", rec.Code)
	}
	if got := f.srv.assetURL("missing.css"); got != "/static/missing.css" {
		t.Errorf("assetURL of a missing file = %q", got)
	}
}

// TestAlertBanner saves an active alert in the store and checks it shows on
// every kind of page, escaped, and not once it has ended.
func TestAlertBanner(t *testing.T) {
	f := newFixture(t)
	a := demo.SampleAlert()
	a.Title = "Weather <warning>"
	a.Active = true
	a.EndsAt = testNow.Add(time.Hour)
	if err := f.db.SaveAlert(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/", "/news", "/events/healthfest-wardown-park", "/pages/about", "/search?q=walk", "/no-such-page", "/news?page=abc"} {
		_, body := f.get(t, path)
		if !strings.Contains(body, `<div class="govuk-notification-banner" role="region" aria-labelledby="alert-banner-title"`) ||
			!strings.Contains(body, "Weather &lt;warning&gt;") || !strings.Contains(body, `href="https://www.luton.gov.uk"`) {
			t.Errorf("GET %s: no alert banner", path)
		}
	}
	f.srv.now = func() time.Time { return testNow.Add(2 * time.Hour) }
	if _, body := f.get(t, "/"); strings.Contains(body, "govuk-notification-banner") {
		t.Error("the alert shows after it ended")
	}
}

// TestStaticGzip checks text assets are sent gzipped to clients that accept
// it, with the right type, and plain to others.
func TestStaticGzip(t *testing.T) {
	f := newFixture(t)
	_, plain := f.get(t, "/static/het.js")
	for enc, gz := range map[string]bool{"gzip, deflate, br": true, "br;q=1.0, gzip;q=0.5": true, "gzip;q=0": false, "": false, "deflate": false} {
		req := httptest.NewRequest("GET", f.srv.assetURL("het.js"), nil)
		req.Header.Set("Accept-Encoding", enc)
		rec := httptest.NewRecorder()
		f.srv.ServeHTTP(rec, req)
		if got := rec.Header().Get("Content-Encoding") == "gzip"; got != gz {
			t.Errorf("Accept-Encoding %q: gzipped = %v, want %v", enc, got, gz)
			continue
		}
		if ct := rec.Header().Get("Content-Type"); ct != "text/javascript; charset=utf-8" {
			t.Errorf("Accept-Encoding %q: Content-Type %q", enc, ct)
		}
		if !strings.Contains(rec.Header().Get("Vary"), "Accept-Encoding") {
			t.Errorf("Accept-Encoding %q: no Vary", enc)
		}
		body := rec.Body.Bytes()
		if gz {
			zr, err := gzip.NewReader(bytes.NewReader(body))
			if err != nil {
				t.Fatal(err)
			}
			if body, err = io.ReadAll(zr); err != nil {
				t.Fatal(err)
			}
		}
		if string(body) != plain {
			t.Errorf("Accept-Encoding %q: body differs from the file", enc)
		}
	}
}
