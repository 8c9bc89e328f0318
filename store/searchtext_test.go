package store_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"het"
	"het/markdown"
	"het/store"
	"het/store/storetest"
)

// markdownBody is a body with the Markdown that used to leak into snippets.
const markdownBody = "## What this means\n\n" +
	"The places we live shape our health. We [tackle discrimination](/objectives/tackle-discrimination) with **local partners**.\n\n" +
	"- Walking routes\n- `Cycle` lanes\n\n> Quoted *residents* agreed"

// checkPlainSnippets searches a store holding markdownBody (slug "plain")
// and checks that the snippets and the index are plain text.
func checkPlainSnippets(t *testing.T, db *store.DB) {
	t.Helper()
	ctx := context.Background()
	for _, word := range []string{"places", "discrimination", "walking", "residents"} {
		rs, _, err := db.Search(ctx, het.SearchQuery{Visibility: public, Text: word})
		must(t, err)
		if len(rs) != 1 || rs[0].Slug != "plain" {
			t.Fatalf("search %q: %+v", word, rs)
		}
		s := rs[0].Snippet
		for _, syntax := range []string{"](", "##", "**", "`", "/objectives", "> "} {
			if strings.Contains(s, syntax) {
				t.Errorf("search %q: snippet %q contains %q", word, s, syntax)
			}
		}
		if strings.Contains(s, "means The") || strings.Contains(s, "routes Cycle") {
			t.Errorf("search %q: blocks run together in snippet %q", word, s)
		}
		if strings.Contains(s, "means") && !strings.Contains(s, "means. The places") {
			t.Errorf("search %q: heading not separated in snippet %q", word, s)
		}
	}
	rs, _, err := db.Search(ctx, het.SearchQuery{Visibility: public, Text: "discrimination"})
	must(t, err)
	if !strings.Contains(rs[0].Snippet, "tackle discrimination with local partners") {
		t.Errorf("link text lost: %q", rs[0].Snippet)
	}
	// Link destinations are not indexed.
	rs, _, err = db.Search(ctx, het.SearchQuery{Visibility: public, Text: "objectives"})
	must(t, err)
	if len(rs) != 0 {
		t.Errorf("a link's URL matched: %+v", rs)
	}
	// The stored body is still the Markdown.
	n, err := db.FindNews(ctx, "plain", public)
	must(t, err)
	if n.Body != markdownBody {
		t.Errorf("body changed: %q", n.Body)
	}
}

func TestSearchPlainText(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		must(t, db.SaveNews(ctx, &het.NewsItem{Content: het.Content{Slug: "plain", Title: "Health in all policies",
			Body: markdownBody, Status: het.StatusPublished, PublishedAt: t0.Add(-time.Hour)}}))
		checkPlainSnippets(t, db)

		// An edit reindexes the new body as plain text.
		must(t, db.SaveNews(ctx, &het.NewsItem{Content: het.Content{Slug: "plain", Title: "Health in all policies",
			Body: "# Heading\n\n[Gardening](/x) **clubs**", Status: het.StatusPublished, PublishedAt: t0.Add(-time.Hour)}}))
		rs, _, err := db.Search(ctx, het.SearchQuery{Visibility: public, Text: "gardening"})
		must(t, err)
		if len(rs) != 1 || rs[0].Snippet != "Heading. Gardening clubs." {
			t.Errorf("after an edit: %+v", rs)
		}
		rs, _, err = db.Search(ctx, het.SearchQuery{Visibility: public, Text: "places"})
		must(t, err)
		if len(rs) != 0 {
			t.Errorf("old body still indexed: %+v", rs)
		}
	})
}

// upgradeDSNs returns, per database, a function making a fresh, empty
// database for an upgrade test: SQLite always, PostgreSQL when HET_TEST_PG is
// set.
func upgradeDSNs() map[string]func(t *testing.T) string {
	dsns := map[string]func(t *testing.T) string{
		"sqlite": func(t *testing.T) string { return filepath.Join(t.TempDir(), "het.db") },
	}
	if pg := os.Getenv(storetest.EnvPG); pg != "" {
		dsns["postgres"] = func(t *testing.T) string { return storetest.PostgresDSN(t, pg) }
	}
	return dsns
}

// TestSearchPlainTextAfterUpgrade builds a database as het left it before
// migration 0003 (Markdown in the index), then opens it with this version:
// the index must hold plain text afterwards.
func TestSearchPlainTextAfterUpgrade(t *testing.T) {
	for name, newDSN := range upgradeDSNs() {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			dsn := newDSN(t)
			old, err := store.OpenAt(ctx, dsn, 2)
			must(t, err)
			ms := t0.Add(-time.Hour).UnixMilli()
			must(t, old.Exec(ctx, `INSERT INTO news (slug, title, summary, body, status, published_at, created_at, updated_at)
				VALUES ('plain', 'Health in all policies', '', ?, 'published', ?, ?, ?)`, markdownBody, ms, ms, ms))
			must(t, old.Exec(ctx, `INSERT INTO pages (slug, title, summary, body, status, published_at, created_at, updated_at)
				VALUES ('about', 'About', '', ?, 'published', ?, ?, ?)`, "## About us\n\nSee [the team](/pages/team).", ms, ms, ms))
			rs, _, err := old.Search(ctx, het.SearchQuery{Visibility: public, Text: "discrimination"})
			must(t, err)
			if len(rs) != 1 || !strings.Contains(rs[0].Snippet, "](") {
				t.Fatalf("the old index should hold Markdown: %+v", rs)
			}
			must(t, old.Close())

			db, err := store.Open(ctx, dsn, nil)
			must(t, err)
			defer db.Close()
			checkPlainSnippets(t, db)
			rs, _, err = db.Search(ctx, het.SearchQuery{Visibility: public, Text: "team"})
			must(t, err)
			if len(rs) != 1 || rs[0].Snippet != "About us. See the team." {
				t.Errorf("page after upgrade: %+v", rs)
			}
			// Opening again finds nothing left to fill and changes nothing.
			must(t, db.Migrate(ctx))
			checkPlainSnippets(t, db)
		})
	}
}

// TestSearchPlainTextRecomputed builds a database as het left it after
// migration 0003, with search text from the old reducer, then opens it with
// this version: migration 0004 has the store recompute every row's search
// text with markdown.PlainText.
func TestSearchPlainTextRecomputed(t *testing.T) {
	const body = "## Budget\n\n<div>\n<p>Spending on <em>parks</em></p>\n</div>"
	for name, newDSN := range upgradeDSNs() {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			dsn := newDSN(t)
			old, err := store.OpenAt(ctx, dsn, 3)
			must(t, err)
			ms := t0.Add(-time.Hour).UnixMilli()
			// The old reducer's text, standing in for whatever it wrote.
			must(t, old.Exec(ctx, `INSERT INTO news (slug, title, summary, body, search_body, status, published_at, created_at, updated_at)
				VALUES ('budget', 'Budget', '', ?, 'Budget. Stale words.', 'published', ?, ?, ?)`, body, ms, ms, ms))
			rs, _, err := old.Search(ctx, het.SearchQuery{Visibility: public, Text: "stale"})
			must(t, err)
			if len(rs) != 1 {
				t.Fatalf("the old search text should be indexed: %+v", rs)
			}
			must(t, old.Close())

			db, err := store.Open(ctx, dsn, nil)
			must(t, err)
			defer db.Close()
			rs, _, err = db.Search(ctx, het.SearchQuery{Visibility: public, Text: "stale"})
			must(t, err)
			if len(rs) != 0 {
				t.Errorf("old search text still indexed: %+v", rs)
			}
			rs, _, err = db.Search(ctx, het.SearchQuery{Visibility: public, Text: "parks"})
			must(t, err)
			if want := strings.ReplaceAll(markdown.PlainText(body), "\n", " "); len(rs) != 1 || rs[0].Snippet != want {
				t.Errorf("after recompute: %+v, want snippet %q", rs, want)
			}
		})
	}
}
