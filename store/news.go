package store

import (
	"context"
	"time"

	"het"
)

var (
	newsObjectives = objectiveLink("news_objectives", "news_id")
	newsPriorities = priorityLink("news_priorities", "news_id")
)

// ListNews returns a page of the news items matching f, newest first, and
// the number of matches.
func (db *DB) ListNews(ctx context.Context, f het.NewsFilter) ([]*het.NewsItem, int, error) {
	var out []*het.NewsItem
	var total int
	err := db.view(ctx, func(tx *tx) error {
		var w where
		w.visible("n", f.Visibility)
		w.linked("n", newsObjectives, f.Objective)
		w.linked("n", newsPriorities, f.Priority)
		if f.Year != 0 {
			start := time.Date(f.Year, 1, 1, 0, 0, 0, 0, time.UTC)
			w.add("n.published_at >= ? AND n.published_at < ?", millis(start), millis(start.AddDate(1, 0, 0)))
		}
		if f.Featured {
			w.add("n.featured = ?", true)
		}
		var err error
		if out, err = listNews(ctx, tx, &w, f.Visibility, f.Limit, f.Offset); err != nil {
			return err
		}
		total, err = pageTotal(ctx, tx, "news n", &w, len(out), f.Limit, f.Offset)
		return err
	})
	return out, total, err
}

// pageTotal returns the number of rows matching w, counting only when the
// page does not already tell.
func pageTotal(ctx context.Context, tx *tx, from string, w *where, got, limit, offset int) (int, error) {
	if (limit <= 0 || got < limit) && (got > 0 || offset <= 0) {
		return max(offset, 0) + got, nil
	}
	return count(ctx, tx, from, w)
}

// NewsYears returns the distinct publish years (UTC) of the news v may see,
// newest first.
func (db *DB) NewsYears(ctx context.Context, v het.Visibility) ([]int, error) {
	var years []int
	err := db.view(ctx, func(tx *tx) error {
		var w where
		w.visible("n", v)
		w.add("n.published_at IS NOT NULL")
		rows, err := tx.query(ctx, "SELECT n.published_at FROM news n"+w.String()+" ORDER BY n.published_at DESC", w.args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var t time.Time
			if err := rows.Scan(timeCol{&t}); err != nil {
				return err
			}
			if y := t.Year(); len(years) == 0 || years[len(years)-1] != y {
				years = append(years, y)
			}
		}
		return rows.Err()
	})
	return years, err
}

// FindNews returns the news item with slug, or ENOTFOUND.
func (db *DB) FindNews(ctx context.Context, slug string, v het.Visibility) (*het.NewsItem, error) {
	var n *het.NewsItem
	err := db.view(ctx, func(tx *tx) (err error) {
		n, err = findNews(ctx, tx, slug, v)
		return err
	})
	return n, err
}

// SaveNews validates n, inserts or updates it by slug and replaces its links.
func (db *DB) SaveNews(ctx context.Context, n *het.NewsItem) error {
	if err := n.Validate(); err != nil {
		return err
	}
	return db.save(ctx, &n.Content, func(tx *tx) error {
		old, err := findNews(ctx, tx, n.Slug, het.Visibility{})
		if err != nil && !het.IsNotFound(err) {
			return err
		}
		if old != nil && sameContent(&old.Content, &n.Content) && sameLinks(&old.Links, &n.Links) && old.Featured == n.Featured {
			keep(&n.Content, &old.Content)
			return nil
		}
		if err := upsert(ctx, tx, "news", &n.Content, []string{"featured"}, n.Featured); err != nil {
			return err
		}
		return saveAllLinks(ctx, tx, newsObjectives, newsPriorities, n.ID, &n.Links)
	})
}

// saveAllLinks replaces an item's objective and priority links.
func saveAllLinks(ctx context.Context, tx *tx, objectives, priorities link, id int64, l *het.Links) error {
	if err := saveLinks(ctx, tx, objectives, id, l.ObjectiveSlugs); err != nil {
		return err
	}
	return saveLinks(ctx, tx, priorities, id, l.PrioritySlugs)
}

func findNews(ctx context.Context, tx *tx, slug string, v het.Visibility) (*het.NewsItem, error) {
	if !findable(slug) {
		return nil, notFound("news item", slug)
	}
	var w where
	w.add("n.slug = ?", slug)
	w.visible("n", v)
	ns, err := listNews(ctx, tx, &w, v, 0, 0)
	if err != nil {
		return nil, err
	}
	if len(ns) == 0 {
		return nil, notFound("news item", slug)
	}
	return ns[0], nil
}

// newsOrder is the order of news lists: newest first.
const newsOrder = "n.published_at DESC NULLS LAST, n.id DESC"

func listNews(ctx context.Context, tx *tx, w *where, v het.Visibility, limit, offset int) ([]*het.NewsItem, error) {
	q, args := listQuery("news", "n", cols("n")+", n.featured", newsOrder, w, limit, offset, v, newsObjectives, newsPriorities)
	rows, err := tx.query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*het.NewsItem
	for rows.Next() {
		n := &het.NewsItem{}
		if err := rows.Scan(append(contentDest(&n.Content), &n.Featured, slugList{&n.ObjectiveSlugs}, slugList{&n.PrioritySlugs})...); err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, rows.Err()
}
