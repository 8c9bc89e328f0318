package store

import (
	"context"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"het"
)

// searchSQL is one dialect's site search. Both queries take the prepared
// full-text query as their first argument; conditions on the alias (kind,
// status, published_at) follow as " AND ..." where the %s is.
type searchSQL struct {
	alias   string
	results string // %s: extra conditions, then ORDER BY/LIMIT
	count   string // %s: extra conditions
	prepare func(text string) string
}

var sqliteSearch = searchSQL{
	alias: "search_index",
	results: `SELECT kind, slug, title, summary, snippet(search_index, 6, '', '', '…', 24), published_at
		FROM search_index WHERE search_index MATCH ?%s
		ORDER BY bm25(search_index, 0, 0, 0, 0, 10.0, 4.0, 1.0), published_at DESC%s`,
	count:   `SELECT count(*) FROM search_index WHERE search_index MATCH ?%s`,
	prepare: fts5Query,
}

var postgresSearch = searchSQL{
	alias: "d",
	results: `SELECT kind, slug, title, summary,
			ts_headline('english', body, query, 'StartSel="", StopSel="", MaxWords=30, MinWords=12, ShortWord=2'),
			published_at
		FROM (
			SELECT d.kind, d.slug, d.title, d.summary, d.body, d.published_at, query, ts_rank(d.document, query) AS rank
			FROM search_documents d, websearch_to_tsquery('english', ?) query
			WHERE d.document @@ query%s
			ORDER BY rank DESC, d.published_at DESC NULLS LAST%s
		) hits
		ORDER BY rank DESC, published_at DESC NULLS LAST`,
	count:   `SELECT count(*) FROM search_documents d, websearch_to_tsquery('english', ?) query WHERE d.document @@ query%s`,
	prepare: func(text string) string { return text },
}

// maxSearchTerms and maxTermRunes bound the query built from what a user types.
const (
	maxSearchTerms = 16
	maxTermRunes   = 64
)

// Search finds content matching q.Text, best match first, and returns one
// page of hits with the total number of matches. Text of any shape is safe:
// it is reduced to words before it reaches the full-text engine, and text
// without letters or digits matches nothing. With q.Public only public items
// are searched.
func (db *DB) Search(ctx context.Context, q het.SearchQuery) ([]het.SearchResult, int, error) {
	text := searchText(q.Text)
	if text == "" {
		return nil, 0, nil
	}
	s := &db.d.search
	var w where
	w.visible(s.alias, q.Visibility)
	if q.Kind != "" {
		w.add(s.alias+".kind = ?", string(q.Kind))
	}
	extra := ""
	if len(w.conds) > 0 {
		extra = " AND " + strings.Join(w.conds, " AND ")
	}
	args := append([]any{s.prepare(text)}, w.args...)
	limit := q.Limit
	if limit <= 0 {
		limit = het.DefaultPageSize
	}
	var out []het.SearchResult
	var total int
	err := db.view(ctx, func(tx *tx) error {
		lim, limArgs := page(min(limit, het.MaxPageSize), q.Offset)
		rows, err := tx.query(ctx, fmt.Sprintf(s.results, extra, lim), append(args[:len(args):len(args)], limArgs...)...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var r het.SearchResult
			var kind string
			if err := rows.Scan(&kind, &r.Slug, &r.Title, &r.Summary, &r.Snippet, timeCol{&r.PublishedAt}); err != nil {
				return err
			}
			r.Kind = het.Kind(kind)
			r.Snippet = plainSnippet(r.Snippet)
			out = append(out, r)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		return tx.queryRow(ctx, fmt.Sprintf(s.count, extra), args...).Scan(&total)
	})
	if err != nil {
		return nil, 0, fmt.Errorf("store: search: %w", err)
	}
	return out, total, nil
}

// searchText makes what a user typed safe to hand to a database: valid
// UTF-8, no control characters, at most 1000 bytes, and "" when it holds no
// letter or digit.
func searchText(s string) string {
	s = strings.ToValidUTF8(s, " ")
	if len(s) > 1000 {
		s = s[:1000]
		for !utf8.ValidString(s) {
			s = s[:len(s)-1]
		}
	}
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
	if !strings.ContainsFunc(s, isWordRune) {
		return ""
	}
	return strings.TrimSpace(s)
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// fts5Query turns text into an FTS5 query that cannot be malformed: each word
// becomes a quoted string (words hold only letters and digits, so no quote
// survives), all must match, and the last matches as a prefix so results
// appear while a word is still being typed.
func fts5Query(text string) string {
	words := strings.FieldsFunc(text, func(r rune) bool { return !isWordRune(r) })
	if len(words) > maxSearchTerms {
		words = words[:maxSearchTerms]
	}
	var b strings.Builder
	for i, w := range words {
		if utf8.RuneCountInString(w) > maxTermRunes {
			w = string([]rune(w)[:maxTermRunes])
		}
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(`"` + w + `"`)
	}
	if b.Len() > 0 {
		b.WriteByte('*')
	}
	return b.String()
}

// plainSnippet flattens a snippet into one line. The index holds plain text
// (markdown.PlainText), with a line per block; the snippet joins them.
func plainSnippet(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
