package store

import (
	"context"

	"het"
)

// The objective–priority link, seen from each side.
var (
	objectivePriorities = priorityLink("objective_priorities", "objective_id")
	priorityObjectives  = objectiveLink("objective_priorities", "priority_id")
)

// ListObjectives returns the objectives v may see, by number, each with the
// priorities linked to it.
func (db *DB) ListObjectives(ctx context.Context, f het.LinkFilter) ([]*het.Objective, error) {
	var out []*het.Objective
	err := db.view(ctx, func(tx *tx) (err error) {
		out, err = listObjectives(ctx, tx, "", f.Visibility)
		return err
	})
	return out, err
}

// FindObjective returns the objective with slug, or ENOTFOUND.
func (db *DB) FindObjective(ctx context.Context, slug string, v het.Visibility) (*het.Objective, error) {
	var o *het.Objective
	err := db.view(ctx, func(tx *tx) (err error) {
		o, err = findObjective(ctx, tx, slug, v)
		return err
	})
	return o, err
}

// SaveObjective validates o and inserts or updates it by slug. Its
// PrioritySlugs are read-only: links are saved from the priority's side.
func (db *DB) SaveObjective(ctx context.Context, o *het.Objective) error {
	if err := o.Validate(); err != nil {
		return err
	}
	return db.save(ctx, &o.Content, func(tx *tx) error {
		old, err := findObjective(ctx, tx, o.Slug, het.Visibility{})
		if err != nil && !het.IsNotFound(err) {
			return err
		}
		if old != nil && sameContent(&old.Content, &o.Content) && old.Number == o.Number && old.ShortTitle == o.ShortTitle {
			keep(&o.Content, &old.Content)
			o.PrioritySlugs = old.PrioritySlugs
			return nil
		}
		if err := upsert(ctx, tx, "objectives", &o.Content, []string{"number", "short_title"}, o.Number, o.ShortTitle); err != nil {
			return err
		}
		links, err := loadLinks(ctx, tx, objectivePriorities, []int64{o.ID}, het.Visibility{})
		o.PrioritySlugs = links[o.ID]
		return err
	})
}

func findObjective(ctx context.Context, tx *tx, slug string, v het.Visibility) (*het.Objective, error) {
	if !findable(slug) {
		return nil, notFound("objective", slug)
	}
	os, err := listObjectives(ctx, tx, slug, v)
	if err != nil {
		return nil, err
	}
	if len(os) == 0 {
		return nil, notFound("objective", slug)
	}
	return os[0], nil
}

// listObjectives returns the visible objectives, only the one with slug if
// slug is not empty.
func listObjectives(ctx context.Context, tx *tx, slug string, v het.Visibility) ([]*het.Objective, error) {
	var w where
	if slug != "" {
		w.add("o.slug = ?", slug)
	}
	w.visible("o", v)
	q, args := listQuery("objectives", "o", cols("o")+", o.number, o.short_title", "o.number, o.slug", &w, 0, 0, v, objectivePriorities)
	rows, err := tx.query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*het.Objective
	for rows.Next() {
		o := &het.Objective{}
		if err := rows.Scan(append(contentDest(&o.Content), &o.Number, &o.ShortTitle, slugList{&o.PrioritySlugs})...); err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

// ListPriorities returns the priorities v may see, by number, each with the
// objectives it serves.
func (db *DB) ListPriorities(ctx context.Context, f het.LinkFilter) ([]*het.Priority, error) {
	var out []*het.Priority
	err := db.view(ctx, func(tx *tx) (err error) {
		out, err = listPriorities(ctx, tx, "", f.Visibility)
		return err
	})
	return out, err
}

// FindPriority returns the priority with slug, or ENOTFOUND.
func (db *DB) FindPriority(ctx context.Context, slug string, v het.Visibility) (*het.Priority, error) {
	var p *het.Priority
	err := db.view(ctx, func(tx *tx) (err error) {
		p, err = findPriority(ctx, tx, slug, v)
		return err
	})
	return p, err
}

// SavePriority validates p, inserts or updates it by slug, and replaces its
// links to objectives (which must exist).
func (db *DB) SavePriority(ctx context.Context, p *het.Priority) error {
	if err := p.Validate(); err != nil {
		return err
	}
	return db.save(ctx, &p.Content, func(tx *tx) error {
		old, err := findPriority(ctx, tx, p.Slug, het.Visibility{})
		if err != nil && !het.IsNotFound(err) {
			return err
		}
		if old != nil && sameContent(&old.Content, &p.Content) && old.Number == p.Number &&
			old.ShortTitle == p.ShortTitle && sameSet(old.ObjectiveSlugs, p.ObjectiveSlugs) {
			keep(&p.Content, &old.Content)
			return nil
		}
		if err := upsert(ctx, tx, "priorities", &p.Content, []string{"number", "short_title"}, p.Number, p.ShortTitle); err != nil {
			return err
		}
		return saveLinks(ctx, tx, priorityObjectives, p.ID, p.ObjectiveSlugs)
	})
}

func findPriority(ctx context.Context, tx *tx, slug string, v het.Visibility) (*het.Priority, error) {
	if !findable(slug) {
		return nil, notFound("priority", slug)
	}
	ps, err := listPriorities(ctx, tx, slug, v)
	if err != nil {
		return nil, err
	}
	if len(ps) == 0 {
		return nil, notFound("priority", slug)
	}
	return ps[0], nil
}

func listPriorities(ctx context.Context, tx *tx, slug string, v het.Visibility) ([]*het.Priority, error) {
	var w where
	if slug != "" {
		w.add("p.slug = ?", slug)
	}
	w.visible("p", v)
	q, args := listQuery("priorities", "p", cols("p")+", p.number, p.short_title", "p.number, p.slug", &w, 0, 0, v, priorityObjectives)
	rows, err := tx.query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*het.Priority
	for rows.Next() {
		p := &het.Priority{}
		if err := rows.Scan(append(contentDest(&p.Content), &p.Number, &p.ShortTitle, slugList{&p.ObjectiveSlugs})...); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}
