package store

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"het"
	"het/markdown"
)

// contentCols are the columns every content table shares, in scan order.
// Prefix them with a table alias with cols("n").
const contentCols = "id, slug, title, summary, body, status, published_at, created_at, updated_at"

// cols prefixes each of contentCols with alias.
func cols(alias string) string {
	return alias + "." + strings.ReplaceAll(contentCols, ", ", ", "+alias+".")
}

// contentDest returns the scan destinations for contentCols.
func contentDest(c *het.Content) []any {
	return []any{&c.ID, &c.Slug, &c.Title, &c.Summary, &c.Body, &c.Status,
		timeCol{&c.PublishedAt}, timeCol{&c.CreatedAt}, timeCol{&c.UpdatedAt}}
}

// where accumulates the conditions and arguments of a query.
type where struct {
	conds []string
	args  []any
}

func (w *where) add(cond string, args ...any) {
	w.conds = append(w.conds, cond)
	w.args = append(w.args, args...)
}

// visible restricts alias's rows to the ones v may see.
func (w *where) visible(alias string, v het.Visibility) {
	if v.Public {
		w.add(alias+".status = 'published' AND "+alias+".published_at <= ?", millis(visibleAt(v)))
	}
}

// linked restricts alias's rows to those linked, through link, to the
// objective or priority with slug (when not empty).
func (w *where) linked(alias string, l link, slug string) {
	if slug != "" {
		w.add(fmt.Sprintf("EXISTS (SELECT 1 FROM %s l JOIN %s t ON t.id = l.%s WHERE l.%s = %s.id AND t.slug = ?)",
			l.table, l.target, l.targetCol, l.ownerCol, alias), slug)
	}
}

func (w *where) String() string {
	if len(w.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(w.conds, " AND ")
}

// visibleAt is the instant public visibility is judged at: v.Now, or the
// current time when v.Now is zero.
func visibleAt(v het.Visibility) time.Time {
	if v.Now.IsZero() {
		return time.Now()
	}
	return v.Now
}

// page returns the LIMIT/OFFSET clause for limit and offset (limit 0: all)
// and its arguments. They are bound, not written into the query, so every
// page of a list is one cached statement.
func page(limit, offset int) (string, []any) {
	offset = max(offset, 0)
	switch {
	case limit > 0:
		return " LIMIT ? OFFSET ?", []any{int64(limit), int64(offset)}
	case offset > 0:
		return " LIMIT ? OFFSET ?", []any{int64(1) << 62, int64(offset)}
	}
	return "", nil
}

// listQuery returns the query reading, in order, one page of the rows of
// table (aliased) that match w: the given columns, then one column per link
// (see linkCols). The matching IDs are picked and ordered first, so sorting
// never carries whole rows with their bodies, and only the page's rows are
// read and have their links gathered.
func listQuery(table, alias, columns, order string, w *where, limit, offset int, v het.Visibility, links ...link) (string, []any) {
	lim, limArgs := page(limit, offset)
	lcols, lcolArgs := linkCols(alias, v, links...)
	q := fmt.Sprintf("WITH picked AS (SELECT %[2]s.id FROM %[1]s %[2]s%[3]s ORDER BY %[4]s%[5]s) "+
		"SELECT %[6]s%[7]s FROM picked JOIN %[1]s %[2]s ON %[2]s.id = picked.id ORDER BY %[4]s",
		table, alias, w.String(), order, lim, columns, lcols)
	args := make([]any, 0, len(w.args)+len(limArgs)+len(lcolArgs))
	return q, append(append(append(args, w.args...), limArgs...), lcolArgs...)
}

// linkCols returns select-list columns, one per link, each listing the
// objectives or priorities v may see that alias's row links to, as
// "number slug" pairs joined by commas (slugs have neither spaces nor
// commas), or NULL for none; and the columns' arguments. Scan them with
// slugList, which puts the slugs in the targets' order. (Ordering inside the
// aggregate would cost SQLite a temporary B-tree per row and link.)
func linkCols(alias string, v het.Visibility, links ...link) (string, []any) {
	var b strings.Builder
	var args []any
	for _, l := range links {
		var w where
		w.add(fmt.Sprintf("l.%s = %s.id", l.ownerCol, alias))
		w.visible("t", v)
		fmt.Fprintf(&b, ", (SELECT string_agg(CAST(t.number AS TEXT) || ' ' || t.slug, ',') FROM %s l JOIN %s t ON t.id = l.%s%s)",
			l.table, l.target, l.targetCol, w.String())
		args = append(args, w.args...)
	}
	return b.String(), args
}

// slugList scans a linkCols column into the slugs, ordered by number then
// slug (nil for NULL).
type slugList struct{ s *[]string }

func (c slugList) Scan(src any) error {
	var list string
	switch v := src.(type) {
	case nil:
		*c.s = nil
		return nil
	case string:
		list = v
	case []byte:
		list = string(v)
	default:
		return fmt.Errorf("store: link column holds %T", src)
	}
	type target struct {
		number int64
		slug   string
	}
	var ts []target
	for pair := range strings.SplitSeq(list, ",") {
		num, slug, ok := strings.Cut(pair, " ")
		n, err := strconv.ParseInt(num, 10, 64)
		if !ok || err != nil {
			return fmt.Errorf("store: link column holds %q", pair)
		}
		ts = append(ts, target{n, slug})
	}
	slices.SortFunc(ts, func(a, b target) int {
		return cmp.Or(cmp.Compare(a.number, b.number), strings.Compare(a.slug, b.slug))
	})
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = t.slug
	}
	*c.s = out
	return nil
}

// count returns the number of rows of table (aliased) matching w.
func count(ctx context.Context, tx *tx, from string, w *where) (int, error) {
	var n int
	err := tx.queryRow(ctx, "SELECT count(*) FROM "+from+w.String(), w.args...).Scan(&n)
	return n, err
}

// link describes a many-to-many link table from an owner table to objectives
// or priorities.
type link struct {
	table     string // e.g. news_objectives
	ownerCol  string // e.g. news_id
	target    string // objectives or priorities
	targetCol string // objective_id or priority_id
	noun      string // objective or priority, for error messages
}

func objectiveLink(table, ownerCol string) link {
	return link{table: table, ownerCol: ownerCol, target: "objectives", targetCol: "objective_id", noun: "objective"}
}

func priorityLink(table, ownerCol string) link {
	return link{table: table, ownerCol: ownerCol, target: "priorities", targetCol: "priority_id", noun: "priority"}
}

// loadLinks returns, for each owner ID, the slugs it links to that v may
// see, in the targets' order (by number).
func loadLinks(ctx context.Context, tx *tx, l link, ids []int64, v het.Visibility) (map[int64][]string, error) {
	m, err := loadLinkSets(ctx, tx, []link{l}, ids, v)
	if err != nil {
		return nil, err
	}
	return m[0], nil
}

// loadLinkSets loads several link tables for the same owners in one query:
// result i holds the links through ls[i].
func loadLinkSets(ctx context.Context, tx *tx, ls []link, ids []int64, v het.Visibility) ([]map[int64][]string, error) {
	out := make([]map[int64][]string, len(ls))
	for i := range out {
		out[i] = make(map[int64][]string, len(ids))
	}
	if len(ids) == 0 {
		return out, nil
	}
	in := "(" + strings.TrimSuffix(strings.Repeat("?, ", len(ids)), ", ") + ")"
	var parts []string
	var args []any
	for i, l := range ls {
		var w where
		w.add("l."+l.ownerCol+" IN "+in, anys(ids)...)
		w.visible("t", v)
		parts = append(parts, fmt.Sprintf("SELECT %d AS link, l.%s AS owner, t.slug AS slug, t.number AS number FROM %s l JOIN %s t ON t.id = l.%s%s",
			i, l.ownerCol, l.table, l.target, l.targetCol, w.String()))
		args = append(args, w.args...)
	}
	rows, err := tx.query(ctx, strings.Join(parts, " UNION ALL ")+" ORDER BY link, number, slug", args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var i int
		var id, number int64
		var slug string
		if err := rows.Scan(&i, &id, &slug, &number); err != nil {
			return nil, err
		}
		out[i][id] = append(out[i][id], slug)
	}
	return out, rows.Err()
}

// anys returns ids as query arguments.
func anys(ids []int64) []any {
	out := make([]any, len(ids))
	for i, id := range ids {
		out[i] = id
	}
	return out
}

// saveLinks replaces owner's links with slugs. A slug naming no objective or
// priority is an EINVALID error.
func saveLinks(ctx context.Context, tx *tx, l link, owner int64, slugs []string) error {
	if _, err := tx.exec(ctx, fmt.Sprintf("DELETE FROM %s WHERE %s = ?", l.table, l.ownerCol), owner); err != nil {
		return err
	}
	q := fmt.Sprintf("INSERT INTO %s (%s, %s) SELECT ?, id FROM %s WHERE slug = ?", l.table, l.ownerCol, l.targetCol, l.target)
	for _, s := range uniq(slugs) {
		res, err := tx.exec(ctx, q, owner, s)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return het.FieldError(l.target, "There is no %s called %q", l.noun, s)
		}
	}
	return nil
}

// upsert inserts c (with extra columns) into table, or updates the row with
// the same slug, and sets c's ID, CreatedAt and UpdatedAt. It writes the
// body's plain text to search_body, which the search index holds.
func upsert(ctx context.Context, tx *tx, table string, c *het.Content, extra []string, extraArgs ...any) error {
	names := append([]string{"slug", "title", "summary", "body", "search_body", "status", "published_at", "created_at", "updated_at"}, extra...)
	t := now()
	args := append([]any{c.Slug, c.Title, c.Summary, c.Body, markdown.PlainText(c.Body), string(c.Status), millis(c.PublishedAt), millis(t), millis(t)}, extraArgs...)
	var set []string
	for _, n := range names {
		if n != "slug" && n != "created_at" {
			set = append(set, n+" = excluded."+n)
		}
	}
	q := fmt.Sprintf("INSERT INTO %s (%s) VALUES (%s) ON CONFLICT (slug) DO UPDATE SET %s RETURNING id, created_at, updated_at",
		table, strings.Join(names, ", "), strings.TrimSuffix(strings.Repeat("?, ", len(names)), ", "), strings.Join(set, ", "))
	return tx.queryRow(ctx, q, args...).Scan(&c.ID, timeCol{&c.CreatedAt}, timeCol{&c.UpdatedAt})
}

// save runs fn, the body of a Save method, in a write transaction. It first
// puts c's publish time in its stored form, so what the caller holds after a
// save equals what a later read returns; if the save fails it puts back c's
// ID and timestamps, so a rolled-back insert leaves no ID behind.
func (db *DB) save(ctx context.Context, c *het.Content, fn func(*tx) error) error {
	c.PublishedAt = stored(c.PublishedAt)
	id, created, updated := c.ID, c.CreatedAt, c.UpdatedAt
	err := db.update(ctx, fn)
	if err != nil {
		c.ID, c.CreatedAt, c.UpdatedAt = id, created, updated
	}
	return err
}

// keep copies the stored identity and timestamps of old into c, for a save
// that changed nothing.
func keep(c, old *het.Content) {
	c.ID, c.CreatedAt, c.UpdatedAt = old.ID, old.CreatedAt, old.UpdatedAt
}

// sameContent reports whether a and b have the same editable content.
func sameContent(a, b *het.Content) bool {
	return a.Slug == b.Slug && a.Title == b.Title && a.Summary == b.Summary && a.Body == b.Body &&
		a.Status == b.Status && a.PublishedAt.Equal(b.PublishedAt)
}

// sameLinks reports whether a and b link to the same objectives and
// priorities, in any order.
func sameLinks(a, b *het.Links) bool {
	return sameSet(a.ObjectiveSlugs, b.ObjectiveSlugs) && sameSet(a.PrioritySlugs, b.PrioritySlugs)
}

// sameSet reports whether a and b hold the same strings, ignoring order.
func sameSet(a, b []string) bool {
	return slices.Equal(uniq(a), uniq(b))
}

// uniq returns the sorted distinct strings of s.
func uniq(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return slices.Compact(s)
}

// findable reports whether slug could name a stored item; anything else
// (including invalid UTF-8 that PostgreSQL would reject) is simply not found.
func findable(slug string) bool { return het.ValidSlug(slug) }

// noRows turns sql.ErrNoRows into the not-found error for what and slug.
func noRows(err error, what, slug string) error {
	if errors.Is(err, sql.ErrNoRows) {
		return notFound(what, slug)
	}
	return err
}

// ids returns the IDs of items.
func ids[T any](items []T, id func(T) int64) []int64 {
	out := make([]int64, len(items))
	for i, it := range items {
		out[i] = id(it)
	}
	return out
}
