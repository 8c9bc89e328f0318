package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"het"
)

// Chrome is what every page template gets besides its own data: the site,
// the title, the navigation state, the alert banner and any form errors.
// Page data structs embed it.
type Chrome struct {
	Site      het.Site
	Title     string // the <title> prefix and, usually, the h1
	Section   string // navigation key of the section the page belongs to
	Path      string
	Alert     *het.Alert
	RequestID string
	SearchQ   string      // what the header search box shows
	Errors    []FormError // shown in the GOV.UK error summary
}

// FormError is one problem with a filter form: the field's id and the
// message.
type FormError struct {
	Field   string
	Message string
}

// ErrorFor returns the message for field, or "".
func (c *Chrome) ErrorFor(field string) string {
	for _, e := range c.Errors {
		if e.Field == field {
			return e.Message
		}
	}
	return ""
}

// NavItem is one link of the service navigation.
type NavItem struct {
	Text    string
	Href    string
	Current bool // this exact page: aria-current="page"
	Active  bool // a page within this section: aria-current="true"
}

// Nav returns the service navigation with the current section marked.
func (c *Chrome) Nav() []NavItem {
	items := []NavItem{
		{Text: "Home", Href: "/"},
		{Text: "Objectives", Href: "/objectives"},
		{Text: "Priorities", Href: "/priorities"},
		{Text: "News", Href: "/news"},
		{Text: "Events", Href: "/events"},
		{Text: "Programmes", Href: "/programmes"},
		{Text: "About", Href: "/pages/about"},
	}
	for i := range items {
		it := &items[i]
		if it.Href == c.Path {
			it.Current = true
		} else if it.Href != "/" && strings.HasPrefix(c.Path, it.Href+"/") {
			it.Active = true
		}
	}
	return items
}

// chrome builds the common page data for r. The alert banner comes from the
// store; if that read fails the page still renders, without it.
func (s *Server) chrome(r *http.Request, title, section string) Chrome {
	c := Chrome{Site: s.site, Title: title, Section: section, Path: r.URL.Path, RequestID: requestID(r.Context())}
	a, err := s.store.ActiveAlert(r.Context(), s.now())
	switch {
	case err == nil:
		c.Alert = a
	case !het.IsNotFound(err):
		s.log.WarnContext(r.Context(), "reading the alert banner", append(logAttrs(r), "err", err)...)
	}
	return c
}

// errNotFound is the error handlers return for unknown paths and slugs.
var errNotFound = het.Errorf(het.ENOTFOUND, "Page not found.")

// checkSlug returns errNotFound for a path segment that cannot be a slug,
// so the store never sees it.
func checkSlug(slug string) error {
	if !het.ValidSlug(slug) {
		return errNotFound
	}
	return nil
}

// maxPage bounds page numbers so offsets cannot overflow.
const maxPage = 10000

// pageParam reads ?page=: absent means 1; anything but a whole number from 1
// to maxPage is an EINVALID error.
func pageParam(r *http.Request) (int, error) {
	v := r.URL.Query().Get("page")
	if v == "" {
		return 1, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > maxPage {
		return 0, het.FieldError("page", "The page number must be a whole number from 1 to %d.", maxPage)
	}
	return n, nil
}

// Option is one choice of a filter select.
type Option struct {
	Value    string
	Text     string
	Selected bool
}

// Pagination is the GOV.UK pagination component's data.
type Pagination struct {
	Prev, Next string
	Items      []PageLink
}

// PageLink is a numbered page link, or an ellipsis.
type PageLink struct {
	Number   int
	URL      string
	Current  bool
	Ellipsis bool
}

// paginate builds the pagination for page of total items, perPage each,
// keeping the other query parameters in q. It returns nil for one page.
func paginate(path string, q url.Values, page, total, perPage int) *Pagination {
	last := (total + perPage - 1) / perPage
	if last <= 1 {
		return nil
	}
	link := func(n int) string {
		v := url.Values{}
		for k, vs := range q {
			if k != "page" {
				v[k] = vs
			}
		}
		if n > 1 {
			v.Set("page", strconv.Itoa(n))
		}
		if len(v) == 0 {
			return path
		}
		return path + "?" + v.Encode()
	}
	p := &Pagination{}
	if page > 1 {
		p.Prev = link(min(page-1, last))
	}
	if page < last {
		p.Next = link(page + 1)
	}
	gap := false
	for n := 1; n <= last; n++ {
		if n == 1 || n == last || (n >= page-1 && n <= page+1) {
			p.Items = append(p.Items, PageLink{Number: n, URL: link(n), Current: n == page})
			gap = false
		} else if !gap {
			p.Items = append(p.Items, PageLink{Ellipsis: true})
			gap = true
		}
	}
	return p
}

// lastPage returns the number of pages for total items (at least 1).
func lastPage(total, perPage int) int {
	return max(1, (total+perPage-1)/perPage)
}
