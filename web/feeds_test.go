package web

import (
	"bytes"
	"encoding/xml"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"het"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// golden compares got with testdata/name, rewriting it under -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file:\n got: %q\nwant: %q", name, got, want)
	}
}

// TestEventICS checks a demo event's .ics. (The byte-for-byte golden file is
// TestCalendarEncoding's, on an event that does not change with the demo
// text.)
func TestEventICS(t *testing.T) {
	f := newFixture(t)
	res, body := f.get(t, "/events/healthfest-wardown-park.ics")
	if res.StatusCode != 200 {
		t.Fatalf("status %d", res.StatusCode)
	}
	if got := res.Header.Get("Content-Disposition"); got != `attachment; filename="healthfest-wardown-park.ics"` {
		t.Errorf("Content-Disposition = %q", got)
	}
	checkICS(t, body)
	unfolded := strings.ReplaceAll(body, "\r\n ", "")
	for _, want := range []string{
		"UID:event-healthfest-wardown-park@het.example.org\r\n",
		"DTSTAMP:20260302T100000Z\r\n",
		"DTSTART:20260502T100000Z\r\n", // 11am BST
		"DTEND:20260502T150000Z\r\n",
		"SUMMARY:HealthFest 2026 in Wardown Park\r\n",
		"LOCATION:Wardown Park\\, Old Bedford Road\\, Luton\r\n",
		"URL:https://het.example.org/events/healthfest-wardown-park\r\n",
	} {
		if !strings.Contains(unfolded, want) {
			t.Errorf("event .ics lacks %q", want)
		}
	}
}

// TestCalendarEncoding checks escaping and folding on an event built to
// need both, against a golden file.
func TestCalendarEncoding(t *testing.T) {
	f := newFixture(t)
	start := time.Date(2026, time.March, 14, 10, 0, 0, 0, time.UTC)
	e := &het.Event{
		Content: het.Content{Slug: "tricky", Title: `Walk, talk; and a back\slash`,
			Summary: "Line one\nLine two\r\nLine three – with “quotes” and a very long sentence that goes on well past seventy-five octets so it must fold, ünïcödé included."},
		StartsAt: start, EndsAt: start.Add(6 * time.Hour),
		Venue: "Wardown Park", Address: "Old Bedford Road, Luton, LU2 7HA",
		Accessibility: "Step-free; BSL on request", BookingURL: "https://example.org/book?a=1,b=2", Cost: "£2",
	}
	got := f.srv.calendar([]*het.Event{e})
	golden(t, "escaping.ics", got)
	checkICS(t, string(got))
	for _, want := range []string{`SUMMARY:Walk\, talk\; and a back\\slash`, `Line one\nLine two\nLine three`, "DTSTART:20260314T100000Z", "DTEND:20260314T160000Z"} {
		if !strings.Contains(strings.ReplaceAll(string(got), "\r\n ", ""), want) {
			t.Errorf("calendar lacks %q", want)
		}
	}
}

// checkICS checks RFC 5545 framing: CRLF endings, lines of at most 75
// octets, whole UTF-8 sequences, and the required properties.
func checkICS(t *testing.T, body string) {
	t.Helper()
	if !strings.HasSuffix(body, "END:VCALENDAR\r\n") {
		t.Error("calendar does not end with END:VCALENDAR CRLF")
	}
	if strings.Contains(strings.ReplaceAll(body, "\r\n", ""), "\n") {
		t.Error("bare LF in calendar")
	}
	for _, line := range strings.Split(strings.TrimSuffix(body, "\r\n"), "\r\n") {
		if len(line) > 75 {
			t.Errorf("line of %d octets: %q", len(line), line)
		}
		if !utf8.ValidString(line) {
			t.Errorf("line splits a UTF-8 sequence: %q", line)
		}
	}
	unfolded := strings.ReplaceAll(body, "\r\n ", "")
	for _, prop := range []string{"VERSION:2.0", "PRODID:", "BEGIN:VEVENT", "UID:", "DTSTAMP:", "DTSTART:", "SUMMARY:", "LOCATION:", "DESCRIPTION:", "URL:", "END:VEVENT"} {
		if !strings.Contains(unfolded, "\r\n"+prop) {
			t.Errorf("calendar lacks %s", prop)
		}
	}
}

// TestEventsFeed checks /events.ics carries every published event.
func TestEventsFeed(t *testing.T) {
	f := newFixture(t)
	_, body := f.get(t, "/events.ics")
	checkICS(t, body)
	if n := strings.Count(body, "BEGIN:VEVENT"); n != 5 {
		t.Errorf("%d events in the feed, want the demo's 5", n)
	}
}

// TestAtomParses reads the Atom feed back with encoding/xml.
func TestAtomParses(t *testing.T) {
	f := newFixture(t)
	_, body := f.get(t, "/feed.atom")
	var feed atomFeed
	if err := xml.Unmarshal([]byte(body), &feed); err != nil {
		t.Fatalf("parse: %v", err)
	}
	if feed.XMLName.Space != "http://www.w3.org/2005/Atom" || feed.ID != "https://het.example.org/feed.atom" || feed.Title == "" {
		t.Errorf("feed header = %+v", feed.XMLName)
	}
	if _, err := time.Parse(time.RFC3339, feed.Updated); err != nil {
		t.Errorf("updated %q: %v", feed.Updated, err)
	}
	if feed.Author.Name != "Luton Borough Council" {
		t.Errorf("author = %+v", feed.Author)
	}
	if len(feed.Entries) != 11 {
		t.Errorf("%d entries, want 11", len(feed.Entries))
	}
	for _, e := range feed.Entries {
		if !strings.HasPrefix(e.ID, "https://het.example.org/news/") || e.Title == "" || e.Content.Type != "html" || e.Content.Body == "" {
			t.Errorf("entry %q: id %q, content type %q", e.Title, e.ID, e.Content.Type)
		}
		for _, ts := range []string{e.Updated, e.Published} {
			if _, err := time.Parse(time.RFC3339, ts); err != nil {
				t.Errorf("entry %q: time %q: %v", e.Title, ts, err)
			}
		}
	}
}

// TestSitemapParses reads the sitemap back and checks it lists every public
// page with an absolute URL.
func TestSitemapParses(t *testing.T) {
	f := newFixture(t)
	_, body := f.get(t, "/sitemap.xml")
	var set urlSet
	if err := xml.Unmarshal([]byte(body), &set); err != nil {
		t.Fatalf("parse: %v", err)
	}
	// 8 listing pages, 8 objectives, 5 priorities, 11 news, 5 events,
	// 6 programmes, 5 pages, 4 case studies.
	if len(set.URLs) != 52 {
		t.Errorf("%d URLs, want 52", len(set.URLs))
	}
	seen := map[string]bool{}
	for _, u := range set.URLs {
		if !strings.HasPrefix(u.Loc, "https://het.example.org/") {
			t.Errorf("not absolute: %q", u.Loc)
		}
		if seen[u.Loc] {
			t.Errorf("duplicate %q", u.Loc)
		}
		seen[u.Loc] = true
		path := strings.TrimPrefix(u.Loc, "https://het.example.org")
		if res, _ := f.get(t, path); res.StatusCode != 200 {
			t.Errorf("sitemap lists %s, which answers %d", path, res.StatusCode)
		}
	}
}
