package web

import (
	"cmp"
	"context"
	"net/http"
	"slices"
	"strings"

	"het"
)

// objectivesPage lists the objectives or the priorities.
type objectivesPage struct {
	Chrome
	Objectives []*het.Objective
	Priorities []*het.Priority
}

// objectivePage is one objective with everything linked to it.
type objectivePage struct {
	Chrome
	Objective   *het.Objective
	Priorities  []*het.Priority
	News        []*het.NewsItem
	Events      []*het.Event
	Programmes  []*het.Programme
	CaseStudies []*het.CaseStudy
}

// priorityPage is one priority with what is linked to it.
type priorityPage struct {
	Chrome
	Priority   *het.Priority
	Objectives []*het.Objective
	News       []*het.NewsItem
	Programmes []*het.Programme
}

// objectives serves GET /objectives.
func (s *Server) objectives(w http.ResponseWriter, r *http.Request) error {
	p := &objectivesPage{Chrome: s.chrome(r, "Marmot policy objectives", "objectives")}
	var err error
	if p.Objectives, err = s.store.ListObjectives(r.Context(), het.LinkFilter{Visibility: s.visibility()}); err != nil {
		return err
	}
	return s.render(w, r, http.StatusOK, "objectives", p)
}

// objective serves GET /objectives/{slug}.
func (s *Server) objective(w http.ResponseWriter, r *http.Request) error {
	slug := r.PathValue("slug")
	if err := checkSlug(slug); err != nil {
		return err
	}
	ctx, vis := r.Context(), s.visibility()
	o, err := s.store.FindObjective(ctx, slug, vis)
	if err != nil {
		return err
	}
	p := &objectivePage{Chrome: s.chrome(r, o.Title, "objectives"), Objective: o}
	if p.Priorities, err = s.prioritiesBySlug(r, o.PrioritySlugs); err != nil {
		return err
	}
	if p.News, _, err = s.store.ListNews(ctx, het.NewsFilter{Visibility: vis, Objective: slug, Limit: 5}); err != nil {
		return err
	}
	if p.Events, _, err = s.store.ListEvents(ctx, het.EventFilter{Visibility: vis, When: het.EventsUpcoming, Objective: slug, Limit: 5}); err != nil {
		return err
	}
	if p.Programmes, _, err = s.store.ListProgrammes(ctx, het.ProgrammeFilter{Visibility: vis, Objective: slug}); err != nil {
		return err
	}
	if p.CaseStudies, err = s.store.ListCaseStudies(ctx, het.LinkFilter{Visibility: vis, Objective: slug}); err != nil {
		return err
	}
	return s.render(w, r, http.StatusOK, "objective", p)
}

// priorities serves GET /priorities.
func (s *Server) priorities(w http.ResponseWriter, r *http.Request) error {
	p := &objectivesPage{Chrome: s.chrome(r, "Local priorities", "priorities")}
	var err error
	if p.Priorities, err = s.store.ListPriorities(r.Context(), het.LinkFilter{Visibility: s.visibility()}); err != nil {
		return err
	}
	return s.render(w, r, http.StatusOK, "priorities", p)
}

// priority serves GET /priorities/{slug}.
func (s *Server) priority(w http.ResponseWriter, r *http.Request) error {
	slug := r.PathValue("slug")
	if err := checkSlug(slug); err != nil {
		return err
	}
	ctx, vis := r.Context(), s.visibility()
	pr, err := s.store.FindPriority(ctx, slug, vis)
	if err != nil {
		return err
	}
	p := &priorityPage{Chrome: s.chrome(r, pr.Title, "priorities"), Priority: pr}
	if p.Objectives, err = s.objectivesBySlug(r, pr.ObjectiveSlugs); err != nil {
		return err
	}
	if p.News, _, err = s.store.ListNews(ctx, het.NewsFilter{Visibility: vis, Priority: slug, Limit: 5}); err != nil {
		return err
	}
	if p.Programmes, _, err = s.store.ListProgrammes(ctx, het.ProgrammeFilter{Visibility: vis, Priority: slug}); err != nil {
		return err
	}
	return s.render(w, r, http.StatusOK, "priority", p)
}

// objectivesBySlug returns the visible objectives among slugs, in framework
// order. An item is tagged with a few of them, so each is found by its slug
// rather than listing them all.
func (s *Server) objectivesBySlug(r *http.Request, slugs []string) ([]*het.Objective, error) {
	out, err := findEach(r.Context(), s.visibility(), slugs, s.store.FindObjective)
	slices.SortFunc(out, func(a, b *het.Objective) int {
		return cmp.Or(cmp.Compare(a.Number, b.Number), strings.Compare(a.Slug, b.Slug))
	})
	return out, err
}

// prioritiesBySlug returns the visible priorities among slugs, in order.
func (s *Server) prioritiesBySlug(r *http.Request, slugs []string) ([]*het.Priority, error) {
	out, err := findEach(r.Context(), s.visibility(), slugs, s.store.FindPriority)
	slices.SortFunc(out, func(a, b *het.Priority) int {
		return cmp.Or(cmp.Compare(a.Number, b.Number), strings.Compare(a.Slug, b.Slug))
	})
	return out, err
}

// findEach finds the item with each distinct slug that vis may see,
// skipping the ones it may not.
func findEach[T any](ctx context.Context, vis het.Visibility, slugs []string, find func(context.Context, string, het.Visibility) (T, error)) ([]T, error) {
	var out []T
	for _, slug := range slices.Compact(slices.Sorted(slices.Values(slugs))) {
		it, err := find(ctx, slug, vis)
		switch {
		case het.IsNotFound(err):
		case err != nil:
			return nil, err
		default:
			out = append(out, it)
		}
	}
	return out, nil
}
