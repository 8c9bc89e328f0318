package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"het"
	"het/store"
	"het/store/storetest"
)

// seedSearch saves one item of most kinds, with "walking" in various places.
func seedSearch(t *testing.T, db *store.DB) {
	t.Helper()
	ctx := context.Background()
	seed(t, db)
	must(t, db.SaveNews(ctx, &het.NewsItem{Content: het.Content{Slug: "walking-maps-news", Title: "Free walking maps of Luton's heritage",
		Summary: "Download a map", Body: "Explore the town on foot.", Status: het.StatusPublished, PublishedAt: t0.Add(-time.Hour)}}))
	must(t, db.SaveNews(ctx, &het.NewsItem{Content: het.Content{Slug: "workshop", Title: "Built environment workshop",
		Summary: "Over 30 professionals", Body: "Planners talked about housing, green space and **walking** routes to school.\n\nMore text follows.", Status: het.StatusPublished, PublishedAt: t0.Add(-2 * time.Hour)}}))
	must(t, db.SaveNews(ctx, &het.NewsItem{Content: het.Content{Slug: "walking-draft", Title: "Walking draft", Status: het.StatusDraft}}))
	must(t, db.SaveNews(ctx, &het.NewsItem{Content: het.Content{Slug: "walking-future", Title: "Walking future", Status: het.StatusPublished, PublishedAt: t0.Add(time.Hour)}}))
	must(t, db.SaveEvent(ctx, &het.Event{Content: het.Content{Slug: "healthfest", Title: "HealthFest in Wardown Park", Body: "A family walk and stalls.",
		Status: het.StatusPublished, PublishedAt: t0.Add(-time.Hour)}, StartsAt: t0.Add(48 * time.Hour), Venue: "Wardown Park"}))
	must(t, db.SaveProgramme(ctx, &het.Programme{Content: het.Content{Slug: "goodgym", Title: "GoodGym", Summary: "Get fit by doing good",
		Body: "Runners help community organisations.", Status: het.StatusPublished, PublishedAt: t0.Add(-time.Hour)}}))
	must(t, db.SavePage(ctx, &het.Page{Content: het.Content{Slug: "accessibility", Title: "Accessibility statement", Body: "We aim for WCAG 2.2 AA.",
		Status: het.StatusPublished, PublishedAt: t0.Add(-time.Hour)}}))
	must(t, db.SaveCaseStudy(ctx, &het.CaseStudy{Content: het.Content{Slug: "enterprise", Title: "Enterprise coordinator", Body: "Careers education for a child-friendly town.",
		Status: het.StatusPublished, PublishedAt: t0.Add(-time.Hour)}}))
}

func TestSearch(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		seedSearch(t, db)
		tests := []struct {
			name  string
			q     het.SearchQuery
			first string   // slug of the best hit, "" for no hits
			has   []string // slugs that must appear
			not   []string // slugs that must not appear
		}{
			{"title beats body", het.SearchQuery{Visibility: public, Text: "walking"}, "walking-maps-news", []string{"workshop"}, []string{"walking-draft", "walking-future"}},
			{"editors see drafts", het.SearchQuery{Text: "walking"}, "", []string{"walking-draft", "walking-future", "walking-maps-news"}, nil},
			{"stemmed", het.SearchQuery{Visibility: public, Text: "walks"}, "", []string{"walking-maps-news"}, nil},
			{"all words", het.SearchQuery{Visibility: public, Text: "walking heritage"}, "walking-maps-news", nil, []string{"workshop"}},
			{"kind filter", het.SearchQuery{Visibility: public, Text: "walking", Kind: het.KindEvent}, "", nil, []string{"walking-maps-news", "workshop"}},
			{"programme", het.SearchQuery{Visibility: public, Text: "GoodGym"}, "goodgym", nil, nil},
			{"case study", het.SearchQuery{Visibility: public, Text: "careers"}, "enterprise", nil, nil},
			{"event", het.SearchQuery{Visibility: public, Text: "Wardown"}, "healthfest", nil, nil},
			{"page", het.SearchQuery{Visibility: public, Text: "accessibility"}, "accessibility", nil, nil},
			{"objective", het.SearchQuery{Visibility: public, Text: "Objective best-start"}, "best-start", nil, nil},
			{"no match", het.SearchQuery{Visibility: public, Text: "zebra"}, "", nil, []string{"workshop"}},
			{"case", het.SearchQuery{Visibility: public, Text: "WARDOWN"}, "healthfest", nil, nil},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				rs, total, err := db.Search(ctx, tt.q)
				must(t, err)
				slugs := slugsOf(rs, func(r het.SearchResult) string { return r.Slug })
				if total < len(rs) {
					t.Errorf("total %d < %d results", total, len(rs))
				}
				if tt.first != "" && (len(rs) == 0 || rs[0].Slug != tt.first) {
					t.Errorf("results %v, want %s first", slugs, tt.first)
				}
				for _, s := range tt.has {
					if !strings.Contains(" "+strings.Join(slugs, " ")+" ", " "+s+" ") {
						t.Errorf("results %v lack %s", slugs, s)
					}
				}
				for _, s := range tt.not {
					if strings.Contains(" "+strings.Join(slugs, " ")+" ", " "+s+" ") {
						t.Errorf("results %v include %s", slugs, s)
					}
				}
				for _, r := range rs {
					if tt.q.Kind != "" && r.Kind != tt.q.Kind {
						t.Errorf("kind %s in a %s search", r.Kind, tt.q.Kind)
					}
					if strings.ContainsAny(r.Snippet, "<>*\n") {
						t.Errorf("snippet not plain text: %q", r.Snippet)
					}
				}
			})
		}

		// The workshop's snippet comes from its body, flattened.
		rs, _, err := db.Search(ctx, het.SearchQuery{Visibility: public, Text: "planners"})
		must(t, err)
		if len(rs) != 1 || rs[0].Kind != het.KindNews || !strings.Contains(rs[0].Snippet, "walking routes") || rs[0].PublishedAt.IsZero() {
			t.Errorf("planners: %+v", rs)
		}

		// Paging keeps the total.
		page1, total, err := db.Search(ctx, het.SearchQuery{Text: "walking", Limit: 2})
		must(t, err)
		page2, total2, err := db.Search(ctx, het.SearchQuery{Text: "walking", Limit: 2, Offset: 2})
		must(t, err)
		if total != 5 || total2 != 5 || len(page1) != 2 || len(page2) != 2 || page1[0].Slug == page2[0].Slug {
			t.Errorf("pages: %d+%d of %d/%d", len(page1), len(page2), total, total2)
		}

		// Editing an item updates the index; its old words no longer match.
		must(t, db.SavePage(ctx, &het.Page{Content: het.Content{Slug: "accessibility", Title: "Access needs", Body: "Contact us.",
			Status: het.StatusPublished, PublishedAt: t0.Add(-time.Hour)}}))
		rs, _, err = db.Search(ctx, het.SearchQuery{Visibility: public, Text: "WCAG"})
		must(t, err)
		if len(rs) != 0 {
			t.Errorf("stale index: %+v", rs)
		}
	})
}

func TestSearchHostileInput(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		seedSearch(t, db)
		for _, text := range []string{
			"", " ", `"`, `""`, `"walking`, `*`, `walking*`, `NEAR(`, `NEAR(walking maps, 2)`, `walking AND`, `OR`, `NOT walking`,
			`'; DROP TABLE news; --`, `title:walking`, `{title}: walking`, `^walking`, `walking -maps`, `(`, `)`, `:`, `-`, `!!!`, `&|!<>`,
			"\xff\xfe walking \xc3", "walk\x00ing", "\x00", strings.Repeat("walking ", 1300), strings.Repeat(`"*(`, 3500),
			strings.Repeat("a", 10_000), "the", "🙂 walking 🙂", "ﬁne", "日本語",
		} {
			for _, kind := range []het.Kind{"", het.KindNews, "'; --"} {
				rs, total, err := db.Search(ctx, het.SearchQuery{Visibility: public, Text: text, Kind: kind, Limit: 5, Offset: -3})
				if err != nil {
					t.Errorf("Search(%.40q): %v", text, err)
				}
				if total < len(rs) {
					t.Errorf("Search(%.40q): total %d < %d", text, total, len(rs))
				}
			}
		}
		// Punctuation-only text returns nothing, without error.
		rs, total, err := db.Search(ctx, het.SearchQuery{Text: `"*()-:^`})
		if err != nil || len(rs) != 0 || total != 0 {
			t.Errorf("punctuation: %v %d %v", rs, total, err)
		}
		// Quotes and operators are just separators: the words still match.
		rs, _, err = db.Search(ctx, het.SearchQuery{Visibility: public, Text: `"walking" (maps*`})
		must(t, err)
		if len(rs) == 0 || rs[0].Slug != "walking-maps-news" {
			t.Errorf("quoted words: %+v", rs)
		}
		// The tables are still there.
		if _, err := db.FindNews(ctx, "workshop", public); err != nil {
			t.Error(err)
		}
	})
}
