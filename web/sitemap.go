package web

import (
	"bytes"
	"encoding/xml"
	"net/http"
	"time"

	"het"
)

type urlSet struct {
	XMLName xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
}

// sitemap serves GET /sitemap.xml: every public page, absolute.
func (s *Server) sitemap(w http.ResponseWriter, r *http.Request) error {
	ctx, vis := r.Context(), s.visibility()
	base := s.site.BaseURL
	set := urlSet{}
	add := func(path string, mod time.Time) {
		u := sitemapURL{Loc: base + path}
		if !mod.IsZero() {
			u.LastMod = mod.UTC().Format("2006-01-02")
		}
		set.URLs = append(set.URLs, u)
	}
	for _, p := range []string{"/", "/objectives", "/priorities", "/news", "/events", "/events/past", "/programmes", "/case-studies"} {
		add(p, time.Time{})
	}
	objectives, err := s.store.ListObjectives(ctx, het.LinkFilter{Visibility: vis})
	if err != nil {
		return err
	}
	for _, o := range objectives {
		add("/objectives/"+o.Slug, lastChange(&o.Content))
	}
	priorities, err := s.store.ListPriorities(ctx, het.LinkFilter{Visibility: vis})
	if err != nil {
		return err
	}
	for _, p := range priorities {
		add("/priorities/"+p.Slug, lastChange(&p.Content))
	}
	news, _, err := s.store.ListNews(ctx, het.NewsFilter{Visibility: vis})
	if err != nil {
		return err
	}
	for _, n := range news {
		add("/news/"+n.Slug, lastChange(&n.Content))
	}
	events, _, err := s.store.ListEvents(ctx, het.EventFilter{Visibility: vis, When: het.EventsAll})
	if err != nil {
		return err
	}
	for _, e := range events {
		add("/events/"+e.Slug, lastChange(&e.Content))
	}
	programmes, _, err := s.store.ListProgrammes(ctx, het.ProgrammeFilter{Visibility: vis})
	if err != nil {
		return err
	}
	for _, p := range programmes {
		add("/programmes/"+p.Slug, lastChange(&p.Content))
	}
	pages, err := s.store.ListPages(ctx, het.LinkFilter{Visibility: vis})
	if err != nil {
		return err
	}
	for _, p := range pages {
		add("/pages/"+p.Slug, lastChange(&p.Content))
	}
	cases, err := s.store.ListCaseStudies(ctx, het.LinkFilter{Visibility: vis})
	if err != nil {
		return err
	}
	for _, c := range cases {
		add("/case-studies/"+c.Slug, lastChange(&c.Content))
	}
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	if err := xml.NewEncoder(&buf).Encode(set); err != nil {
		return err
	}
	return writeBody(w, r, "application/xml; charset=utf-8", buf.Bytes())
}

// robots serves GET /robots.txt: everything may be crawled.
func (s *Server) robots(w http.ResponseWriter, r *http.Request) error {
	body := "User-agent: *\nAllow: /\n\nSitemap: " + s.site.BaseURL + "/sitemap.xml\n"
	return writeBody(w, r, "text/plain; charset=utf-8", []byte(body))
}
