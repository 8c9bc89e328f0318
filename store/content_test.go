package store_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"het"
	"het/store"
	"het/store/storetest"
)

func TestObjectivesAndPriorities(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		seed(t, db)

		os, err := db.ListObjectives(ctx, het.LinkFilter{Visibility: public})
		must(t, err)
		if got := slugsOf(os, func(o *het.Objective) string { return o.Slug }); !slices.Equal(got, []string{"best-start", "fair-employment"}) {
			t.Errorf("public objectives %v", got)
		}
		if got := os[0].PrioritySlugs; !slices.Equal(got, []string{"child-friendly", "inclusive-economy"}) {
			t.Errorf("best-start priorities %v", got)
		}
		every, err := db.ListObjectives(ctx, het.LinkFilter{})
		must(t, err)
		if len(every) != 3 {
			t.Errorf("all objectives: %d, want 3", len(every))
		}

		p, err := db.FindPriority(ctx, "inclusive-economy", public)
		must(t, err)
		if !slices.Equal(p.ObjectiveSlugs, []string{"best-start", "fair-employment"}) {
			t.Errorf("priority objectives %v (want by number)", p.ObjectiveSlugs)
		}
		o, err := db.FindObjective(ctx, "fair-employment", public)
		must(t, err)
		if !slices.Equal(o.PrioritySlugs, []string{"inclusive-economy"}) || o.Number != 2 || o.ShortTitle != "fair-employment" {
			t.Errorf("objective %+v", o)
		}

		// Relinking from the priority side shows on the objective side.
		p.ObjectiveSlugs = []string{"fair-employment"}
		must(t, db.SavePriority(ctx, p))
		o, err = db.FindObjective(ctx, "best-start", all0)
		must(t, err)
		if !slices.Equal(o.PrioritySlugs, []string{"child-friendly"}) {
			t.Errorf("after relink: %v", o.PrioritySlugs)
		}

		_, err = db.FindObjective(ctx, "draft-objective", public)
		wantCode(t, err, het.ENOTFOUND)
		_, err = db.FindObjective(ctx, "draft-objective", all0)
		must(t, err)
		_, err = db.FindPriority(ctx, "nope", all0)
		wantCode(t, err, het.ENOTFOUND)

		wantCode(t, db.SavePriority(ctx, &het.Priority{Content: pub("bad-link", "Bad"), Number: 3, ObjectiveSlugs: []string{"no-such-objective"}}), het.EINVALID)
		if _, err := db.FindPriority(ctx, "bad-link", all0); !het.IsNotFound(err) {
			t.Errorf("a failed save left a row behind: %v", err)
		}
		wantCode(t, db.SaveObjective(ctx, &het.Objective{Content: pub("no-number", "No number")}), het.EINVALID)
	})
}

var all0 = het.Visibility{}

func slugsOf[T any](items []T, slug func(T) string) []string {
	out := []string{}
	for _, it := range items {
		out = append(out, slug(it))
	}
	return out
}

func TestNewsRoundTripAndIdempotentSave(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		seed(t, db)
		published := time.Date(2024, 3, 4, 5, 6, 7, 890_000_000, time.FixedZone("BST", 3600))
		n := &het.NewsItem{
			Content:  het.Content{Slug: "goodgym", Title: "GoodGym comes to Luton", Summary: "Get fit by doing good", Body: "# Run\n\nDo **good**.", Status: het.StatusPublished, PublishedAt: published},
			Links:    het.Links{ObjectiveSlugs: []string{"fair-employment", "best-start"}, PrioritySlugs: []string{"child-friendly"}},
			Featured: true,
		}
		must(t, db.SaveNews(ctx, n))
		if n.ID == 0 || n.CreatedAt.IsZero() || !n.UpdatedAt.Equal(n.CreatedAt) {
			t.Fatalf("after insert: %+v", n.Content)
		}
		got, err := db.FindNews(ctx, "goodgym", public)
		must(t, err)
		if !got.PublishedAt.Equal(published) || got.PublishedAt.Location() != time.UTC {
			t.Errorf("published %v, want %v in UTC", got.PublishedAt, published)
		}
		if got.Title != n.Title || got.Summary != n.Summary || got.Body != n.Body || !got.Featured || got.Status != het.StatusPublished {
			t.Errorf("round trip %+v", got)
		}
		if !slices.Equal(got.ObjectiveSlugs, []string{"best-start", "fair-employment"}) || !slices.Equal(got.PrioritySlugs, []string{"child-friendly"}) {
			t.Errorf("links %+v", got.Links)
		}

		// Saving the same item again (links in another order) changes nothing.
		time.Sleep(5 * time.Millisecond)
		again := *got
		again.ObjectiveSlugs = []string{"fair-employment", "best-start", "best-start"}
		must(t, db.SaveNews(ctx, &again))
		if !again.UpdatedAt.Equal(got.UpdatedAt) || again.ID != got.ID {
			t.Errorf("idempotent save changed UpdatedAt %v -> %v", got.UpdatedAt, again.UpdatedAt)
		}
		reread, err := db.FindNews(ctx, "goodgym", all0)
		must(t, err)
		if !reread.UpdatedAt.Equal(got.UpdatedAt) {
			t.Errorf("stored UpdatedAt changed by an idempotent save")
		}

		// A real change updates the row in place and moves UpdatedAt.
		again.Title = "GoodGym is here"
		again.PrioritySlugs = nil
		must(t, db.SaveNews(ctx, &again))
		reread, err = db.FindNews(ctx, "goodgym", all0)
		must(t, err)
		if reread.ID != got.ID || reread.Title != "GoodGym is here" || !reread.UpdatedAt.After(got.UpdatedAt) ||
			!reread.CreatedAt.Equal(got.CreatedAt) || len(reread.PrioritySlugs) != 0 {
			t.Errorf("after update %+v", reread)
		}
	})
}

func TestNewsValidationAndNotFound(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		seed(t, db)
		for name, n := range map[string]*het.NewsItem{
			"bad slug":        {Content: pub("Bad Slug", "x")},
			"no title":        {Content: pub("no-title", " ")},
			"no publish time": {Content: content("no-time", "x", het.StatusPublished, time.Time{})},
			"bad status":      {Content: content("bad-status", "x", "deleted", t0)},
			"bad utf8":        {Content: pub("bad-utf8", "x\xff")},
			"bad link slug":   {Content: pub("bad-link", "x"), Links: het.Links{ObjectiveSlugs: []string{"Not A Slug"}}},
			"unknown link":    {Content: pub("unknown-link", "x"), Links: het.Links{PrioritySlugs: []string{"no-such-priority"}}},
		} {
			t.Run(name, func(t *testing.T) { wantCode(t, db.SaveNews(ctx, n), het.EINVALID) })
		}
		for _, slug := range []string{"missing", "", "bad\xffslug", "'; DROP TABLE news; --", strings.Repeat("a", 300)} {
			_, err := db.FindNews(ctx, slug, all0)
			wantCode(t, err, het.ENOTFOUND)
		}
	})
}

func TestNewsVisibilityAndFilters(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		seed(t, db)
		day := 24 * time.Hour
		items := []*het.NewsItem{
			{Content: content("old-2023", "Old", het.StatusPublished, time.Date(2023, 5, 1, 0, 0, 0, 0, time.UTC)), Links: het.Links{ObjectiveSlugs: []string{"best-start"}}},
			{Content: content("new-year-2024", "Edge", het.StatusPublished, time.Date(2024, 12, 31, 23, 59, 59, 0, time.UTC)), Featured: true},
			{Content: content("recent", "Recent", het.StatusPublished, t0.Add(-day)), Links: het.Links{PrioritySlugs: []string{"child-friendly"}}, Featured: true},
			{Content: content("now", "Exactly now", het.StatusPublished, t0), Links: het.Links{ObjectiveSlugs: []string{"best-start"}, PrioritySlugs: []string{"child-friendly"}}},
			{Content: content("future", "Scheduled", het.StatusPublished, t0.Add(day)), Links: het.Links{ObjectiveSlugs: []string{"best-start"}}},
			{Content: content("draft", "Draft", het.StatusDraft, t0.Add(-day)), Links: het.Links{ObjectiveSlugs: []string{"best-start"}}},
			{Content: content("archived", "Archived", het.StatusArchived, t0.Add(-day)), Featured: true},
		}
		for _, n := range items {
			must(t, db.SaveNews(ctx, n))
		}
		for _, hidden := range []string{"future", "draft", "archived"} {
			_, err := db.FindNews(ctx, hidden, public)
			wantCode(t, err, het.ENOTFOUND)
			if _, err := db.FindNews(ctx, hidden, all0); err != nil {
				t.Errorf("editors cannot see %s: %v", hidden, err)
			}
		}
		tests := []struct {
			name  string
			f     het.NewsFilter
			want  []string
			total int
		}{
			{"public newest first", het.NewsFilter{Visibility: public}, []string{"now", "recent", "new-year-2024", "old-2023"}, 4},
			{"everything", het.NewsFilter{}, []string{"future", "now", "archived", "draft", "recent", "new-year-2024", "old-2023"}, 7}, // ties: newest saved first,
			{"objective", het.NewsFilter{Visibility: public, Objective: "best-start"}, []string{"now", "old-2023"}, 2},
			{"priority", het.NewsFilter{Visibility: public, Priority: "child-friendly"}, []string{"now", "recent"}, 2},
			{"objective and priority", het.NewsFilter{Visibility: public, Objective: "best-start", Priority: "child-friendly"}, []string{"now"}, 1},
			{"year", het.NewsFilter{Visibility: public, Year: 2024}, []string{"new-year-2024"}, 1},
			{"year none", het.NewsFilter{Visibility: public, Year: 2019}, nil, 0},
			{"featured", het.NewsFilter{Visibility: public, Featured: true}, []string{"recent", "new-year-2024"}, 2},
			{"unknown objective", het.NewsFilter{Visibility: public, Objective: "nope"}, nil, 0},
			{"page 1", het.NewsFilter{Visibility: public, Limit: 3}, []string{"now", "recent", "new-year-2024"}, 4},
			{"page 2", het.NewsFilter{Visibility: public, Limit: 3, Offset: 3}, []string{"old-2023"}, 4},
			{"past the end", het.NewsFilter{Visibility: public, Limit: 3, Offset: 9}, nil, 4},
			{"exact page", het.NewsFilter{Visibility: public, Limit: 2, Offset: 2}, []string{"new-year-2024", "old-2023"}, 4},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				got, total, err := db.ListNews(ctx, tt.f)
				must(t, err)
				if slugs := slugsOf(got, func(n *het.NewsItem) string { return n.Slug }); !slices.Equal(slugs, nonNil(tt.want)) || total != tt.total {
					t.Errorf("got %v (total %d), want %v (total %d)", slugs, total, tt.want, tt.total)
				}
			})
		}
		years, err := db.NewsYears(ctx, public)
		must(t, err)
		if !slices.Equal(years, []int{2025, 2024, 2023}) {
			t.Errorf("years %v", years)
		}
	})
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func TestEvents(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		seed(t, db)
		h := time.Hour
		ev := func(slug string, start, end time.Time, status het.Status, links het.Links) *het.Event {
			return &het.Event{Content: content(slug, "Event "+slug, status, t0.Add(-48*h)), Links: links, StartsAt: start, EndsAt: end, Venue: "Wardown Park"}
		}
		full := &het.Event{
			Content: pub("healthfest", "HealthFest"), Links: het.Links{ObjectiveSlugs: []string{"best-start"}},
			StartsAt: t0.Add(72 * h).In(time.FixedZone("BST", 3600)), EndsAt: t0.Add(78 * h), Venue: "Denbeigh School", Address: "Alexandra Avenue, Luton",
			Online: true, Accessibility: "Step-free access; hearing loop", BookingURL: "https://example.org/book", Registration: "Email us", Cost: "Free",
		}
		events := []*het.Event{
			full,
			ev("conference", t0.Add(24*h), time.Time{}, het.StatusPublished, het.Links{PrioritySlugs: []string{"child-friendly"}}),
			ev("running-now", t0.Add(-2*h), t0.Add(2*h), het.StatusPublished, het.Links{}),
			ev("last-month", t0.Add(-30*24*h), t0.Add(-30*24*h+h), het.StatusPublished, het.Links{ObjectiveSlugs: []string{"best-start"}}),
			ev("last-year", t0.Add(-365*24*h), time.Time{}, het.StatusPublished, het.Links{}),
			ev("draft-event", t0.Add(10*h), time.Time{}, het.StatusDraft, het.Links{}),
		}
		for _, e := range events {
			must(t, db.SaveEvent(ctx, e))
		}
		got, err := db.FindEvent(ctx, "healthfest", public)
		must(t, err)
		if !got.StartsAt.Equal(full.StartsAt) || !got.EndsAt.Equal(full.EndsAt) || got.Venue != full.Venue || got.Address != full.Address ||
			!got.Online || got.Accessibility != full.Accessibility || got.BookingURL != full.BookingURL || got.Registration != full.Registration ||
			got.Cost != "Free" || !slices.Equal(got.ObjectiveSlugs, []string{"best-start"}) {
			t.Errorf("round trip %+v", got)
		}
		conf, err := db.FindEvent(ctx, "conference", public)
		must(t, err)
		if !conf.EndsAt.IsZero() {
			t.Errorf("zero end came back as %v", conf.EndsAt)
		}
		before := got.UpdatedAt
		must(t, db.SaveEvent(ctx, got))
		if !got.UpdatedAt.Equal(before) {
			t.Error("idempotent event save moved UpdatedAt")
		}
		_, err = db.FindEvent(ctx, "draft-event", public)
		wantCode(t, err, het.ENOTFOUND)
		wantCode(t, db.SaveEvent(ctx, &het.Event{Content: pub("no-start", "x"), Venue: "Somewhere"}), het.EINVALID)
		wantCode(t, db.SaveEvent(ctx, &het.Event{Content: pub("backwards", "x"), Venue: "V", StartsAt: t0, EndsAt: t0.Add(-h)}), het.EINVALID)

		tests := []struct {
			name  string
			f     het.EventFilter
			want  []string
			total int
		}{
			{"upcoming soonest first", het.EventFilter{Visibility: public, When: het.EventsUpcoming}, []string{"running-now", "conference", "healthfest"}, 3},
			{"past latest first", het.EventFilter{Visibility: public, When: het.EventsPast}, []string{"last-month", "last-year"}, 2},
			{"all public", het.EventFilter{Visibility: public}, []string{"healthfest", "conference", "running-now", "last-month", "last-year"}, 5},
			{"editors see drafts", het.EventFilter{Visibility: het.Visibility{Now: t0}, When: het.EventsUpcoming}, []string{"running-now", "draft-event", "conference", "healthfest"}, 4},
			{"objective", het.EventFilter{Visibility: public, Objective: "best-start"}, []string{"healthfest", "last-month"}, 2},
			{"priority upcoming", het.EventFilter{Visibility: public, Priority: "child-friendly", When: het.EventsUpcoming}, []string{"conference"}, 1},
			{"paged", het.EventFilter{Visibility: public, When: het.EventsUpcoming, Limit: 2, Offset: 1}, []string{"conference", "healthfest"}, 3},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				got, total, err := db.ListEvents(ctx, tt.f)
				must(t, err)
				if slugs := slugsOf(got, func(e *het.Event) string { return e.Slug }); !slices.Equal(slugs, nonNil(tt.want)) || total != tt.total {
					t.Errorf("got %v (total %d), want %v (total %d)", slugs, total, tt.want, tt.total)
				}
			})
		}
	})
}

func TestUnstorableText(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		// SQLite stores a NUL byte; PostgreSQL refuses it, which must surface
		// as an invalid-input error, not an internal one.
		err := db.SavePage(context.Background(), &het.Page{Content: pub("nul", "Has a \x00 NUL")})
		if err != nil || db.Dialect() == "postgres" {
			wantCode(t, err, het.EINVALID)
		}
	})
}

func TestFailedSaveLeavesNoID(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		n := &het.NewsItem{Content: pub("orphan", "Orphan"), Links: het.Links{ObjectiveSlugs: []string{"no-such-objective"}}}
		wantCode(t, db.SaveNews(context.Background(), n), het.EINVALID)
		if n.ID != 0 || !n.CreatedAt.IsZero() {
			t.Errorf("rolled-back insert left ID %d, created %v", n.ID, n.CreatedAt)
		}
	})
}

func TestConcurrentOpen(t *testing.T) {
	// Instances starting together on an empty database migrate it once
	// between them.
	dsns := map[string]string{"sqlite": filepath.Join(t.TempDir(), "het.db")}
	if pg := os.Getenv(storetest.EnvPG); pg != "" {
		dsns["postgres"] = storetest.PostgresDSN(t, pg)
	}
	for name, dsn := range dsns {
		t.Run(name, func(t *testing.T) {
			var wg sync.WaitGroup
			errs := make(chan error, 4)
			for range 4 {
				wg.Go(func() {
					db, err := store.Open(context.Background(), dsn, nil)
					if err != nil {
						errs <- err
						return
					}
					errs <- db.Close()
				})
			}
			wg.Wait()
			close(errs)
			for err := range errs {
				must(t, err)
			}
		})
	}
}
