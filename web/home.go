package web

import (
	"net/http"

	"het"
)

// homePage is the data of the home page.
type homePage struct {
	Chrome
	Objectives []*het.Objective
	Priorities []*het.Priority
	News       []*het.NewsItem
	Events     []*het.Event
	Programmes []*het.Programme
}

// home serves GET /: the vision, the objectives and priorities, the latest
// news, upcoming events and featured programmes.
func (s *Server) home(w http.ResponseWriter, r *http.Request) error {
	ctx, vis := r.Context(), s.visibility()
	p := &homePage{Chrome: s.chrome(r, s.site.Name, "home")}
	var err error
	if p.Objectives, err = s.store.ListObjectives(ctx, het.LinkFilter{Visibility: vis}); err != nil {
		return err
	}
	if p.Priorities, err = s.store.ListPriorities(ctx, het.LinkFilter{Visibility: vis}); err != nil {
		return err
	}
	if p.News, _, err = s.store.ListNews(ctx, het.NewsFilter{Visibility: vis, Limit: 3}); err != nil {
		return err
	}
	if p.Events, _, err = s.store.ListEvents(ctx, het.EventFilter{Visibility: vis, When: het.EventsUpcoming, Limit: 3}); err != nil {
		return err
	}
	if p.Programmes, _, err = s.store.ListProgrammes(ctx, het.ProgrammeFilter{Visibility: vis, Featured: true, Limit: 6}); err != nil {
		return err
	}
	return s.render(w, r, http.StatusOK, "home", p)
}
