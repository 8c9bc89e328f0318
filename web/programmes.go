package web

import (
	"mime"
	"net/http"
	"slices"
	"strconv"

	"het"
)

// programmesPerPage is the directory's page size.
const programmesPerPage = 20

// programmesPage is the programme directory with its facets.
type programmesPage struct {
	Chrome
	Filters    *Filters
	Programmes []*het.Programme
	Total      int
	Pagination *Pagination
}

// programmePage is one programme and its downloadable files.
type programmePage struct {
	Chrome
	Programme  *het.Programme
	Objectives []*het.Objective
	Priorities []*het.Priority
}

// programmes serves GET /programmes?objective=&priority=&audience=&cost=.
func (s *Server) programmes(w http.ResponseWriter, r *http.Request) error {
	page, err := pageParam(r)
	if err != nil {
		return err
	}
	ctx, vis := r.Context(), s.visibility()
	p := &programmesPage{Chrome: s.chrome(r, "Programmes", "programmes")}
	if p.Filters, err = s.linkFilters(r, &p.Chrome); err != nil {
		return err
	}
	all, _, err := s.store.ListProgrammes(ctx, het.ProgrammeFilter{Visibility: vis})
	if err != nil {
		return err
	}
	var audiences, costs []string
	for _, pr := range all {
		for _, a := range pr.Audiences {
			if !slices.Contains(audiences, a) {
				audiences = append(audiences, a)
			}
		}
		if pr.Cost != "" && !slices.Contains(costs, pr.Cost) {
			costs = append(costs, pr.Cost)
		}
	}
	slices.Sort(audiences)
	slices.Sort(costs)
	audience, audOpts := choiceFilter(r, &p.Chrome, "audience", "Everyone", "Select an audience from the list", audiences)
	cost, costOpts := choiceFilter(r, &p.Chrome, "cost", "Any cost", "Select a cost from the list", costs)
	p.Filters.Audiences, p.Filters.Costs = audOpts, costOpts
	p.Filters.Applied = p.Filters.Applied || audience != "" || cost != ""
	p.Programmes, p.Total, err = s.store.ListProgrammes(ctx, het.ProgrammeFilter{
		Visibility: vis, Objective: p.Filters.Objective, Priority: p.Filters.Priority,
		Audience: audience, Cost: cost, Limit: programmesPerPage, Offset: (page - 1) * programmesPerPage,
	})
	if err != nil {
		return err
	}
	if page > lastPage(p.Total, programmesPerPage) {
		return errNotFound
	}
	p.Pagination = paginate("/programmes", r.URL.Query(), page, p.Total, programmesPerPage)
	return s.render(w, r, statusFor(&p.Chrome), "programmes", p)
}

// programme serves GET /programmes/{slug}.
func (s *Server) programme(w http.ResponseWriter, r *http.Request) error {
	slug := r.PathValue("slug")
	if err := checkSlug(slug); err != nil {
		return err
	}
	pr, err := s.store.FindProgramme(r.Context(), slug, s.visibility())
	if err != nil {
		return err
	}
	p := &programmePage{Chrome: s.chrome(r, pr.Title, "programmes"), Programme: pr}
	if p.Objectives, err = s.objectivesBySlug(r, pr.ObjectiveSlugs); err != nil {
		return err
	}
	if p.Priorities, err = s.prioritiesBySlug(r, pr.PrioritySlugs); err != nil {
		return err
	}
	return s.render(w, r, http.StatusOK, "programme", p)
}

// programmeFile serves GET /programmes/{slug}/files/{name} as a download
// with the stored content type.
func (s *Server) programmeFile(w http.ResponseWriter, r *http.Request) error {
	slug, name := r.PathValue("slug"), r.PathValue("name")
	if err := checkSlug(slug); err != nil {
		return err
	}
	f, err := s.store.FindProgrammeFile(r.Context(), slug, name, s.visibility())
	if err != nil {
		return err
	}
	ct := f.ContentType
	if _, _, err := mime.ParseMediaType(ct); err != nil {
		ct = "application/octet-stream"
	}
	h := w.Header()
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": f.Name}))
	h.Set("X-Content-Type-Options", "nosniff")
	// Stored files (an SVG, say) must never run as part of the site.
	h.Set("Content-Security-Policy", "default-src 'none'; sandbox")
	h.Set("Cache-Control", "public, max-age=3600")
	h.Set("Content-Type", ct)
	h.Set("Content-Length", strconv.Itoa(len(f.Data)))
	if r.Method != http.MethodHead {
		_, _ = w.Write(f.Data)
	}
	return nil
}
