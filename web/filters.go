package web

import (
	"net/http"
	"strconv"

	"het"
)

// Filters is the data of a GET filter form: the options of each select and
// whether any filter is applied.
type Filters struct {
	Objective, Priority string // the applied slugs, "" for any
	Objectives          []Option
	Priorities          []Option
	Years               []Option
	Audiences           []Option
	Costs               []Option
	Applied             bool
}

// linkFilters reads ?objective= and ?priority= against the published
// objectives and priorities. An unknown value is not applied; it adds a form
// error to c instead, and the page is served as a 400.
func (s *Server) linkFilters(r *http.Request, c *Chrome) (*Filters, error) {
	ctx, vis := r.Context(), s.visibility()
	q := r.URL.Query()
	f := &Filters{}
	objectives, err := s.store.ListObjectives(ctx, het.LinkFilter{Visibility: vis})
	if err != nil {
		return nil, err
	}
	priorities, err := s.store.ListPriorities(ctx, het.LinkFilter{Visibility: vis})
	if err != nil {
		return nil, err
	}
	want := q.Get("objective")
	found := want == ""
	f.Objectives = []Option{{Value: "", Text: "All objectives", Selected: want == ""}}
	for _, o := range objectives {
		sel := o.Slug == want
		found = found || sel
		f.Objectives = append(f.Objectives, Option{Value: o.Slug, Text: shortTitle(o.ShortTitle, o.Title), Selected: sel})
	}
	if found {
		f.Objective = want
	} else {
		c.Errors = append(c.Errors, FormError{Field: "objective", Message: "Select an objective from the list"})
	}
	want = q.Get("priority")
	found = want == ""
	f.Priorities = []Option{{Value: "", Text: "All priorities", Selected: want == ""}}
	for _, p := range priorities {
		sel := p.Slug == want
		found = found || sel
		f.Priorities = append(f.Priorities, Option{Value: p.Slug, Text: shortTitle(p.ShortTitle, p.Title), Selected: sel})
	}
	if found {
		f.Priority = want
	} else {
		c.Errors = append(c.Errors, FormError{Field: "priority", Message: "Select a priority from the list"})
	}
	f.Applied = f.Objective != "" || f.Priority != ""
	return f, nil
}

// choiceFilter reads the query parameter name against the allowed values
// and fills the options; an unknown value adds a form error.
func choiceFilter(r *http.Request, c *Chrome, name, allText, errText string, values []string) (string, []Option) {
	want := r.URL.Query().Get(name)
	found := want == ""
	opts := []Option{{Value: "", Text: allText, Selected: want == ""}}
	for _, v := range values {
		sel := v == want
		found = found || sel
		opts = append(opts, Option{Value: v, Text: v, Selected: sel})
	}
	if !found {
		c.Errors = append(c.Errors, FormError{Field: name, Message: errText})
		want = ""
		opts[0].Selected = true
	}
	return want, opts
}

// yearFilter reads ?year= against the years that have news.
func yearFilter(r *http.Request, c *Chrome, years []int) (int, []Option) {
	values := make([]string, len(years))
	for i, y := range years {
		values[i] = strconv.Itoa(y)
	}
	v, opts := choiceFilter(r, c, "year", "All years", "Select a year from the list", values)
	y, _ := strconv.Atoi(v)
	return y, opts
}

// statusFor is 400 when the filter form has errors, else 200.
func statusFor(c *Chrome) int {
	if len(c.Errors) > 0 {
		return http.StatusBadRequest
	}
	return http.StatusOK
}

func shortTitle(short, title string) string {
	if short != "" {
		return short
	}
	return title
}
