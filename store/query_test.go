package store

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestRebind(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"SELECT 1", "SELECT 1"},
		{"a = ? AND b = ?", "a = $1 AND b = $2"},
		{"x = '?' AND y = ?", "x = '?' AND y = $1"},
		{`"we?ird" = ? OR z = 'it''s ?' OR w = ?`, `"we?ird" = $1 OR z = 'it''s ?' OR w = $2`},
	} {
		if got := postgresDialect.rebind(tt.in); got != tt.want {
			t.Errorf("rebind(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if got := sqliteDialect.rebind(tt.in); got != tt.in {
			t.Errorf("sqlite rebind changed %q", tt.in)
		}
	}
}

func TestFTS5Query(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"walking", `"walking"*`},
		{`walking "maps`, `"walking" "maps"*`},
		{`NEAR(a b, 2)`, `"NEAR" "a" "b" "2"*`},
		{`'; DROP TABLE news; --`, `"DROP" "TABLE" "news"*`},
		{"don't", `"don" "t"*`},
		{"", ""},
		{"!!!", ""},
	} {
		if got := fts5Query(searchText(tt.in)); got != tt.want {
			t.Errorf("fts5Query(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if got := fts5Query(strings.Repeat("word ", 100)); strings.Count(got, `"`) != 2*maxSearchTerms {
		t.Errorf("terms not capped: %d quotes", strings.Count(got, `"`))
	}
}

func TestMigrationsPerDialect(t *testing.T) {
	for _, d := range []string{"sqlite", "postgres"} {
		ms, err := migrations(d)
		if err != nil {
			t.Fatal(err)
		}
		if len(ms) < 2 || ms[0].version != 1 || ms[1].version != 2 || ms[0].name != "content" || ms[1].name != "search" {
			t.Errorf("%s migrations: %+v", d, ms)
		}
	}
}

// FuzzSearchText checks that whatever a user types becomes valid UTF-8 and
// an FTS5 query made only of quoted words.
func FuzzSearchText(f *testing.F) {
	for _, s := range []string{"walking maps", `"`, "NEAR(", "\xff", "a\x00b", "*", "日本 語"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		text := searchText(s)
		if !utf8.ValidString(text) || len(text) > 1000 || strings.ContainsRune(text, 0) {
			t.Fatalf("searchText(%q) = %q", s, text)
		}
		q := fts5Query(text)
		if q == "" {
			return
		}
		for _, term := range strings.Fields(strings.TrimSuffix(q, "*")) {
			inner := strings.TrimSuffix(strings.TrimPrefix(term, `"`), `"`)
			if len(term) < 3 || term[0] != '"' || term[len(term)-1] != '"' || strings.ContainsFunc(inner, func(r rune) bool { return !isWordRune(r) }) {
				t.Fatalf("fts5Query(%q) has term %q", text, term)
			}
		}
	})
}
