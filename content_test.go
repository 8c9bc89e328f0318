package het

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func validContent() Content {
	return Content{Slug: "fair-work", Title: "Fair work", Status: StatusPublished, PublishedAt: time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)}
}

func TestValidate(t *testing.T) {
	start := time.Date(2026, 3, 14, 10, 0, 0, 0, time.UTC)
	tests := []struct {
		name  string
		item  interface{ Validate() error }
		field string // "" means valid
	}{
		{"objective ok", &Objective{Content: validContent(), Number: 3}, ""},
		{"objective number zero", &Objective{Content: validContent()}, "number"},
		{"slug with capitals", &Page{Content: Content{Slug: "About", Title: "About", Status: StatusDraft}}, "slug"},
		{"slug with path traversal", &Page{Content: Content{Slug: "../etc", Title: "x", Status: StatusDraft}}, "slug"},
		{"blank title", &Page{Content: Content{Slug: "about", Title: "  ", Status: StatusDraft}}, "title"},
		{"invalid utf-8 title", &Page{Content: Content{Slug: "about", Title: "a\xffb", Status: StatusDraft}}, "title"},
		{"unknown status", &Page{Content: Content{Slug: "about", Title: "About", Status: "live"}}, "status"},
		{"published without time", &Page{Content: Content{Slug: "about", Title: "About", Status: StatusPublished}}, "published_at"},
		{"draft without time ok", &Page{Content: Content{Slug: "about", Title: "About", Status: StatusDraft}}, ""},
		{"news bad objective slug", &NewsItem{Content: validContent(), Links: Links{ObjectiveSlugs: []string{"Not A Slug"}}}, "objectives"},
		{"priority bad objective slug", &Priority{Content: validContent(), Number: 1, ObjectiveSlugs: []string{"x y"}}, "objectives"},
		{"event ok", &Event{Content: validContent(), StartsAt: start, EndsAt: start.Add(time.Hour), Venue: "Wardown Park"}, ""},
		{"event without start", &Event{Content: validContent(), Venue: "Wardown Park"}, "starts_at"},
		{"event ends before start", &Event{Content: validContent(), StartsAt: start, EndsAt: start.Add(-time.Hour), Venue: "Hall"}, "ends_at"},
		{"event without venue", &Event{Content: validContent(), StartsAt: start}, "venue"},
		{"event javascript booking link", &Event{Content: validContent(), StartsAt: start, Venue: "Hall", BookingURL: "javascript:alert(1)"}, "booking_url"},
		{"programme ok with file", &Programme{Content: validContent(), Files: []File{{Name: "walk.gpx", Title: "Walk", ContentType: "application/gpx+xml", Size: 3, Data: []byte("abc")}}}, ""},
		{"programme file traversal", &Programme{Content: validContent(), Files: []File{{Name: "../walk.gpx", Title: "Walk", ContentType: "text/plain"}}}, "files"},
		{"programme duplicate files", &Programme{Content: validContent(), Files: []File{{Name: "a.txt", Title: "A", ContentType: "text/plain"}, {Name: "a.txt", Title: "A", ContentType: "text/plain"}}}, "files"},
		{"programme oversized file", &Programme{Content: validContent(), Files: []File{{Name: "a.txt", Title: "A", ContentType: "text/plain", Size: MaxFileSize + 1}}}, "files"},
		{"programme blank audience", &Programme{Content: validContent(), Audiences: []string{""}}, "audiences"},
		{"case study ok", &CaseStudy{Content: validContent(), Organisation: "A school"}, ""},
		{"alert ok", &Alert{Title: "Heatwave", Message: "Stay cool", Active: true}, ""},
		{"alert link without text", &Alert{Title: "Heatwave", Message: "Stay cool", LinkURL: "https://example.org"}, "link_text"},
		{"alert ends before start", &Alert{Title: "T", Message: "M", StartsAt: start, EndsAt: start}, "ends_at"},
		{"long summary", &Page{Content: Content{Slug: "about", Title: "About", Status: StatusDraft, Summary: strings.Repeat("a", 1001)}}, "summary"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.item.Validate()
			if tt.field == "" {
				if err != nil {
					t.Fatalf("Validate() = %v, want nil", err)
				}
				return
			}
			if ErrorCode(err) != EINVALID {
				t.Fatalf("Validate() code = %q (%v), want %q", ErrorCode(err), err, EINVALID)
			}
			var inv *InvalidError
			if !errors.As(err, &inv) {
				t.Fatalf("Validate() = %T, want *InvalidError", err)
			}
			for _, f := range inv.Fields {
				if f.Field == tt.field {
					return
				}
			}
			t.Errorf("Validate() fields = %v, want one on %q", inv.Fields, tt.field)
		})
	}
}

func TestVisibility(t *testing.T) {
	now := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name   string
		status Status
		at     time.Time
		want   bool
	}{
		{"published in the past", StatusPublished, now.Add(-time.Hour), true},
		{"published exactly now", StatusPublished, now, true},
		{"scheduled", StatusPublished, now.Add(time.Minute), false},
		{"draft", StatusDraft, now.Add(-time.Hour), false},
		{"archived", StatusArchived, now.Add(-time.Hour), false},
	}
	for _, tt := range tests {
		c := Content{Status: tt.status, PublishedAt: tt.at}
		if got := c.IsPublic(now); got != tt.want {
			t.Errorf("%s: IsPublic = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestEventUpcomingAndAlertShows(t *testing.T) {
	now := time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)
	e := Event{StartsAt: now.Add(-2 * time.Hour), EndsAt: now.Add(time.Hour)}
	if !e.Upcoming(now) {
		t.Error("an event in progress is upcoming")
	}
	e.EndsAt = time.Time{}
	if e.Upcoming(now) {
		t.Error("an event that started two hours ago with no end is past")
	}
	a := Alert{Active: true, StartsAt: now.Add(-time.Hour), EndsAt: now.Add(time.Hour)}
	if !a.ShowsAt(now) {
		t.Error("active alert within its window should show")
	}
	if a.ShowsAt(now.Add(time.Hour)) {
		t.Error("alert should stop showing at its end")
	}
	a.Active = false
	if a.ShowsAt(now) {
		t.Error("inactive alert should not show")
	}
}

func TestErrors(t *testing.T) {
	if ErrorCode(nil) != "" || ErrorMessage(nil) != "" {
		t.Error("nil error has no code or message")
	}
	plain := errors.New("pq: secret detail")
	if ErrorCode(plain) != EINTERNAL || strings.Contains(ErrorMessage(plain), "secret") {
		t.Error("internal errors must not leak their message")
	}
	nf := Errorf(ENOTFOUND, "no news item %q", "x")
	if !IsNotFound(nf) || ErrorMessage(nf) != `no news item "x"` {
		t.Errorf("not found: %v", nf)
	}
	var v ValidationErrors
	if v.Err() != nil {
		t.Error("empty ValidationErrors.Err() must be nil")
	}
}
