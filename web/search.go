package web

import (
	"net/http"
	"strings"
	"unicode/utf8"

	"het"
)

// maxQueryRunes bounds what the search box accepts.
const maxQueryRunes = 200

// searchPage is the search form and its results.
type searchPage struct {
	Chrome
	Q          string
	Kinds      []Option
	Results    []het.SearchResult
	Total      int
	Pagination *Pagination
	Searched   bool
}

// search serves GET /search?q=&kind=&page=.
func (s *Server) search(w http.ResponseWriter, r *http.Request) error {
	page, err := pageParam(r)
	if err != nil {
		return err
	}
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	p := &searchPage{Chrome: s.chrome(r, "Search", ""), Q: q}
	p.SearchQ = q
	kinds := make([]string, len(het.Kinds))
	for i, k := range het.Kinds {
		kinds[i] = string(k)
	}
	kind, opts := choiceFilter(r, &p.Chrome, "kind", "Everything", "Select what to search from the list", kinds)
	for i := range opts[1:] {
		opts[i+1].Text = kindLabel(het.Kind(opts[i+1].Value))
	}
	p.Kinds = opts
	if utf8.RuneCountInString(q) > maxQueryRunes {
		p.Errors = append(p.Errors, FormError{Field: "q", Message: "Search for 200 characters or fewer"})
		q = ""
	}
	if q != "" {
		per := het.DefaultPageSize
		p.Searched = true
		p.Results, p.Total, err = s.store.Search(r.Context(), het.SearchQuery{
			Visibility: s.visibility(), Text: q, Kind: het.Kind(kind), Limit: per, Offset: (page - 1) * per,
		})
		if err != nil {
			return err
		}
		if page > lastPage(p.Total, per) {
			return errNotFound
		}
		p.Pagination = paginate("/search", r.URL.Query(), page, p.Total, per)
		p.Title = "Search results for ‘" + q + "’"
	}
	return s.render(w, r, statusFor(&p.Chrome), "search", p)
}
