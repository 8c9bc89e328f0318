package web

import (
	"net/http"

	"het"
)

// newsListPage is the filtered, paginated news list.
type newsListPage struct {
	Chrome
	Filters    *Filters
	News       []*het.NewsItem
	Total      int
	Pagination *Pagination
}

// newsItemPage is one article with the objectives and priorities it is
// tagged with.
type newsItemPage struct {
	Chrome
	News       *het.NewsItem
	Objectives []*het.Objective
	Priorities []*het.Priority
}

// newsList serves GET /news?objective=&priority=&year=&page=.
func (s *Server) newsList(w http.ResponseWriter, r *http.Request) error {
	page, err := pageParam(r)
	if err != nil {
		return err
	}
	ctx, vis := r.Context(), s.visibility()
	p := &newsListPage{Chrome: s.chrome(r, "News", "news")}
	if p.Filters, err = s.linkFilters(r, &p.Chrome); err != nil {
		return err
	}
	years, err := s.store.NewsYears(ctx, vis)
	if err != nil {
		return err
	}
	year, yearOpts := yearFilter(r, &p.Chrome, years)
	p.Filters.Years = yearOpts
	p.Filters.Applied = p.Filters.Applied || year != 0
	per := het.DefaultPageSize
	p.News, p.Total, err = s.store.ListNews(ctx, het.NewsFilter{
		Visibility: vis, Objective: p.Filters.Objective, Priority: p.Filters.Priority, Year: year,
		Limit: per, Offset: (page - 1) * per,
	})
	if err != nil {
		return err
	}
	if page > lastPage(p.Total, per) {
		return errNotFound
	}
	p.Pagination = paginate("/news", r.URL.Query(), page, p.Total, per)
	return s.render(w, r, statusFor(&p.Chrome), "news", p)
}

// newsItem serves GET /news/{slug}.
func (s *Server) newsItem(w http.ResponseWriter, r *http.Request) error {
	slug := r.PathValue("slug")
	if err := checkSlug(slug); err != nil {
		return err
	}
	n, err := s.store.FindNews(r.Context(), slug, s.visibility())
	if err != nil {
		return err
	}
	p := &newsItemPage{Chrome: s.chrome(r, n.Title, "news"), News: n}
	if p.Objectives, err = s.objectivesBySlug(r, n.ObjectiveSlugs); err != nil {
		return err
	}
	if p.Priorities, err = s.prioritiesBySlug(r, n.PrioritySlugs); err != nil {
		return err
	}
	return s.render(w, r, http.StatusOK, "news-item", p)
}
