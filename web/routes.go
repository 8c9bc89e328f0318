package web

import "net/http"

// routes is the hub's one route table. GET patterns also answer HEAD; any
// other method on a known path gets the mux's 405 with an Allow header.
func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	h := func(pattern string, fn func(http.ResponseWriter, *http.Request) error) {
		mux.Handle(pattern, s.handle(fn))
	}

	h("GET /{$}", s.home)

	h("GET /objectives", s.objectives)
	h("GET /objectives/{slug}", s.objective)
	h("GET /priorities", s.priorities)
	h("GET /priorities/{slug}", s.priority)

	h("GET /news", s.newsList)
	h("GET /news/{slug}", s.newsItem)
	h("GET /feed.atom", s.atomFeed)

	h("GET /events", s.upcomingEvents)
	h("GET /events/past", s.pastEvents)
	h("GET /events/{slug}", s.event) // also /events/{slug}.ics
	h("GET /events.ics", s.eventsCalendar)

	h("GET /programmes", s.programmes)
	h("GET /programmes/{slug}", s.programme)
	h("GET /programmes/{slug}/files/{name}", s.programmeFile)

	h("GET /pages/{slug}", s.page)
	h("GET /case-studies", s.caseStudies)
	h("GET /case-studies/{slug}", s.caseStudy)

	h("GET /search", s.search)
	h("GET /sitemap.xml", s.sitemap)
	h("GET /robots.txt", s.robots)

	mux.HandleFunc("GET /healthz", s.healthz)
	mux.HandleFunc("GET /readyz", s.readyz)
	mux.Handle("GET /static/{path...}", s.static)

	// Everything else is the friendly 404 page.
	h("GET /", func(http.ResponseWriter, *http.Request) error { return errNotFound })
	return mux
}

// handle adapts a handler that returns an error: errors become pages in one
// place, Server.serveError.
func (s *Server) handle(fn func(http.ResponseWriter, *http.Request) error) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := fn(w, r); err != nil {
			s.serveError(w, r, err)
		}
	})
}
