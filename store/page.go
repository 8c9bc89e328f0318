package store

import (
	"context"

	"het"
)

// ListPages returns the pages v may see, by title.
func (db *DB) ListPages(ctx context.Context, f het.LinkFilter) ([]*het.Page, error) {
	var out []*het.Page
	err := db.view(ctx, func(tx *tx) (err error) {
		var w where
		w.visible("p", f.Visibility)
		out, err = listPages(ctx, tx, &w)
		return err
	})
	return out, err
}

// FindPage returns the page with slug, or ENOTFOUND.
func (db *DB) FindPage(ctx context.Context, slug string, v het.Visibility) (*het.Page, error) {
	var p *het.Page
	err := db.view(ctx, func(tx *tx) (err error) {
		p, err = findPage(ctx, tx, slug, v)
		return err
	})
	return p, err
}

// SavePage validates p and inserts or updates it by slug.
func (db *DB) SavePage(ctx context.Context, p *het.Page) error {
	if err := p.Validate(); err != nil {
		return err
	}
	return db.save(ctx, &p.Content, func(tx *tx) error {
		old, err := findPage(ctx, tx, p.Slug, het.Visibility{})
		if err != nil && !het.IsNotFound(err) {
			return err
		}
		if old != nil && sameContent(&old.Content, &p.Content) {
			keep(&p.Content, &old.Content)
			return nil
		}
		return upsert(ctx, tx, "pages", &p.Content, nil)
	})
}

func findPage(ctx context.Context, tx *tx, slug string, v het.Visibility) (*het.Page, error) {
	if !findable(slug) {
		return nil, notFound("page", slug)
	}
	var w where
	w.add("p.slug = ?", slug)
	w.visible("p", v)
	ps, err := listPages(ctx, tx, &w)
	if err != nil {
		return nil, err
	}
	if len(ps) == 0 {
		return nil, notFound("page", slug)
	}
	return ps[0], nil
}

func listPages(ctx context.Context, tx *tx, w *where) ([]*het.Page, error) {
	q, args := listQuery("pages", "p", cols("p"), "lower(p.title), p.id", w, 0, 0, het.Visibility{})
	rows, err := tx.query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*het.Page
	for rows.Next() {
		p := &het.Page{}
		if err := rows.Scan(contentDest(&p.Content)...); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

var (
	caseStudyObjectives = objectiveLink("case_study_objectives", "case_study_id")
	caseStudyPriorities = priorityLink("case_study_priorities", "case_study_id")
)

// ListCaseStudies returns the case studies matching f, newest first.
func (db *DB) ListCaseStudies(ctx context.Context, f het.LinkFilter) ([]*het.CaseStudy, error) {
	var out []*het.CaseStudy
	err := db.view(ctx, func(tx *tx) (err error) {
		var w where
		w.visible("c", f.Visibility)
		w.linked("c", caseStudyObjectives, f.Objective)
		w.linked("c", caseStudyPriorities, f.Priority)
		out, err = listCaseStudies(ctx, tx, &w, f.Visibility)
		return err
	})
	return out, err
}

// FindCaseStudy returns the case study with slug, or ENOTFOUND.
func (db *DB) FindCaseStudy(ctx context.Context, slug string, v het.Visibility) (*het.CaseStudy, error) {
	var c *het.CaseStudy
	err := db.view(ctx, func(tx *tx) (err error) {
		c, err = findCaseStudy(ctx, tx, slug, v)
		return err
	})
	return c, err
}

// SaveCaseStudy validates c, inserts or updates it by slug and replaces its
// links.
func (db *DB) SaveCaseStudy(ctx context.Context, c *het.CaseStudy) error {
	if err := c.Validate(); err != nil {
		return err
	}
	return db.save(ctx, &c.Content, func(tx *tx) error {
		old, err := findCaseStudy(ctx, tx, c.Slug, het.Visibility{})
		if err != nil && !het.IsNotFound(err) {
			return err
		}
		if old != nil && sameContent(&old.Content, &c.Content) && sameLinks(&old.Links, &c.Links) && old.Organisation == c.Organisation {
			keep(&c.Content, &old.Content)
			return nil
		}
		if err := upsert(ctx, tx, "case_studies", &c.Content, []string{"organisation"}, c.Organisation); err != nil {
			return err
		}
		return saveAllLinks(ctx, tx, caseStudyObjectives, caseStudyPriorities, c.ID, &c.Links)
	})
}

func findCaseStudy(ctx context.Context, tx *tx, slug string, v het.Visibility) (*het.CaseStudy, error) {
	if !findable(slug) {
		return nil, notFound("case study", slug)
	}
	var w where
	w.add("c.slug = ?", slug)
	w.visible("c", v)
	cs, err := listCaseStudies(ctx, tx, &w, v)
	if err != nil {
		return nil, err
	}
	if len(cs) == 0 {
		return nil, notFound("case study", slug)
	}
	return cs[0], nil
}

func listCaseStudies(ctx context.Context, tx *tx, w *where, v het.Visibility) ([]*het.CaseStudy, error) {
	q, args := listQuery("case_studies", "c", cols("c")+", c.organisation", "c.published_at DESC NULLS LAST, c.id DESC",
		w, 0, 0, v, caseStudyObjectives, caseStudyPriorities)
	rows, err := tx.query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*het.CaseStudy
	for rows.Next() {
		c := &het.CaseStudy{}
		if err := rows.Scan(append(contentDest(&c.Content), &c.Organisation, slugList{&c.ObjectiveSlugs}, slugList{&c.PrioritySlugs})...); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}
