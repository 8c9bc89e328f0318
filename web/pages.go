package web

import (
	"net/http"

	"het"
)

// pagePage is a standalone page.
type pagePage struct {
	Chrome
	Page *het.Page
}

// caseStudiesPage lists the case studies.
type caseStudiesPage struct {
	Chrome
	CaseStudies []*het.CaseStudy
}

// caseStudyPage is one case study.
type caseStudyPage struct {
	Chrome
	CaseStudy  *het.CaseStudy
	Objectives []*het.Objective
	Priorities []*het.Priority
}

// page serves GET /pages/{slug}: about, accessibility statement, privacy,
// contact, driving change.
func (s *Server) page(w http.ResponseWriter, r *http.Request) error {
	slug := r.PathValue("slug")
	if err := checkSlug(slug); err != nil {
		return err
	}
	pg, err := s.store.FindPage(r.Context(), slug, s.visibility())
	if err != nil {
		return err
	}
	section := ""
	if slug == "about" {
		section = "about"
	}
	return s.render(w, r, http.StatusOK, "page", &pagePage{Chrome: s.chrome(r, pg.Title, section), Page: pg})
}

// caseStudies serves GET /case-studies.
func (s *Server) caseStudies(w http.ResponseWriter, r *http.Request) error {
	p := &caseStudiesPage{Chrome: s.chrome(r, "Case studies", "")}
	var err error
	if p.CaseStudies, err = s.store.ListCaseStudies(r.Context(), het.LinkFilter{Visibility: s.visibility()}); err != nil {
		return err
	}
	return s.render(w, r, http.StatusOK, "case-studies", p)
}

// caseStudy serves GET /case-studies/{slug}.
func (s *Server) caseStudy(w http.ResponseWriter, r *http.Request) error {
	slug := r.PathValue("slug")
	if err := checkSlug(slug); err != nil {
		return err
	}
	c, err := s.store.FindCaseStudy(r.Context(), slug, s.visibility())
	if err != nil {
		return err
	}
	p := &caseStudyPage{Chrome: s.chrome(r, c.Title, ""), CaseStudy: c}
	if p.Objectives, err = s.objectivesBySlug(r, c.ObjectiveSlugs); err != nil {
		return err
	}
	if p.Priorities, err = s.prioritiesBySlug(r, c.PrioritySlugs); err != nil {
		return err
	}
	return s.render(w, r, http.StatusOK, "case-study", p)
}
