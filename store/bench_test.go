package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"het"
	"het/store"
	"het/store/storetest"
)

// loadNews fills a fresh SQLite store with n published news items linked to
// the seeded objectives and priorities.
func loadNews(b *testing.B, n int) *store.DB {
	b.Helper()
	db := storetest.MustOpen(b)
	ctx := context.Background()
	for i, s := range []string{"best-start", "fair-employment"} {
		must(b, db.SaveObjective(ctx, &het.Objective{Content: pub(s, s), Number: i + 1}))
	}
	must(b, db.SavePriority(ctx, &het.Priority{Content: pub("child-friendly", "Child friendly"), Number: 1}))
	for i := range n {
		item := &het.NewsItem{
			Content: het.Content{
				Slug: fmt.Sprintf("news-%d", i), Title: fmt.Sprintf("News item %d about walking and health", i),
				Summary: "A summary of the article.", Body: "Some **Markdown** body text for the article. " + fmt.Sprint(i),
				Status: het.StatusPublished, PublishedAt: t0.Add(-time.Duration(i) * time.Hour),
			},
			Links:    het.Links{ObjectiveSlugs: []string{[]string{"best-start", "fair-employment"}[i%2]}, PrioritySlugs: []string{"child-friendly"}},
			Featured: i%10 == 0,
		}
		must(b, db.SaveNews(ctx, item))
	}
	return db
}

func BenchmarkFindNews(b *testing.B) {
	db := loadNews(b, 1000)
	ctx := context.Background()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, err := db.FindNews(ctx, fmt.Sprintf("news-%d", i%1000), public); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

func BenchmarkListNews(b *testing.B) {
	db := loadNews(b, 1000)
	ctx := context.Background()
	for _, bc := range []struct {
		name string
		f    het.NewsFilter
	}{
		{"first-page", het.NewsFilter{Visibility: public, Limit: 10}},
		{"objective-page-5", het.NewsFilter{Visibility: public, Objective: "best-start", Limit: 10, Offset: 40}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if ns, total, err := db.ListNews(ctx, bc.f); err != nil || len(ns) != 10 || total == 0 {
					b.Fatal(len(ns), total, err)
				}
			}
		})
	}
}

func BenchmarkSearch(b *testing.B) {
	db := loadNews(b, 1000)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if rs, total, err := db.Search(ctx, het.SearchQuery{Visibility: public, Text: "walking health", Limit: 10}); err != nil || len(rs) != 10 || total != 1000 {
			b.Fatal(len(rs), total, err)
		}
	}
}
