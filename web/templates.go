package web

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"strconv"
	"strings"
	"sync"
	"time"

	"het"
)

// templates holds one parsed set per page: the layout and partials cloned,
// plus the page's own file defining "content".
type templates struct {
	pages map[string]*template.Template
}

// parseTemplates parses layout.html and partials/*.html once, then each page
// template (pages/*.html) on a clone of them.
func parseTemplates(fsys fs.FS, funcs template.FuncMap) (*templates, error) {
	root, err := template.New("layout.html").Funcs(funcs).ParseFS(fsys, "layout.html", "partials/*.html")
	if err != nil {
		return nil, fmt.Errorf("web: parse layout: %w", err)
	}
	names, err := fs.Glob(fsys, "pages/*.html")
	if err != nil {
		return nil, err
	}
	t := &templates{pages: make(map[string]*template.Template, len(names))}
	for _, name := range names {
		clone, err := root.Clone()
		if err != nil {
			return nil, err
		}
		if _, err := clone.ParseFS(fsys, name); err != nil {
			return nil, fmt.Errorf("web: parse %s: %w", name, err)
		}
		t.pages[strings.TrimSuffix(path.Base(name), ".html")] = clone
	}
	return t, nil
}

var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// render executes the page template name with data into a buffer, then
// writes it with status. A template error becomes an error for serveError
// (nothing has been written yet).
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, data any) error {
	t, err := s.templatesNow()
	if err != nil {
		return err
	}
	page, ok := t.pages[name]
	if !ok {
		return fmt.Errorf("web: no template %q", name)
	}
	buf := bufPool.Get().(*bytes.Buffer)
	buf.Reset()
	defer bufPool.Put(buf)
	if err := page.ExecuteTemplate(buf, "layout.html", data); err != nil {
		return fmt.Errorf("web: execute %s: %w", name, err)
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(buf.Len()))
	if h.Get("Cache-Control") == "" {
		h.Set("Cache-Control", "no-cache")
	}
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		_, _ = w.Write(buf.Bytes())
	}
	return nil
}

// funcs are the helpers templates may call.
func (s *Server) funcs() template.FuncMap {
	return template.FuncMap{
		"asset":     s.assetURL,
		"md":        s.md.Render,
		"date":      s.formatDate,
		"isoDate":   func(t time.Time) string { return t.UTC().Format(time.RFC3339) },
		"eventWhen": s.eventWhen,
		"kindURL":   kindURL,
		"kindLabel": kindLabel,
		"fileSize":  fileSize,
		"year":      func() int { return s.now().In(s.site.Location).Year() },
		"selectField": func(name, label, errMsg string, opts []Option) selectField {
			return selectField{Name: name, Label: label, Error: errMsg, Options: opts}
		},
	}
}

// selectField is the data of the "select" partial.
type selectField struct {
	Name, Label, Error string
	Options            []Option
}

// assetURL returns the fingerprinted URL of a static file.
func (s *Server) assetURL(name string) string { return s.static.URL(name) }

// formatDate shows t as people read dates in the UK: "14 March 2026".
func (s *Server) formatDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(s.site.Location).Format("2 January 2006")
}

// kindURL is the public path of an item of the given kind.
func kindURL(k het.Kind, slug string) string {
	switch k {
	case het.KindObjective:
		return "/objectives/" + slug
	case het.KindPriority:
		return "/priorities/" + slug
	case het.KindNews:
		return "/news/" + slug
	case het.KindEvent:
		return "/events/" + slug
	case het.KindProgramme:
		return "/programmes/" + slug
	case het.KindCaseStudy:
		return "/case-studies/" + slug
	case het.KindPage:
		return "/pages/" + slug
	}
	return "/"
}

// kindLabel names a kind for people.
func kindLabel(k het.Kind) string {
	switch k {
	case het.KindObjective:
		return "Objective"
	case het.KindPriority:
		return "Priority"
	case het.KindNews:
		return "News"
	case het.KindEvent:
		return "Event"
	case het.KindProgramme:
		return "Programme"
	case het.KindCaseStudy:
		return "Case study"
	case het.KindPage:
		return "Page"
	}
	return string(k)
}

// fileSize shows a byte count as GOV.UK does in download links: "512 KB",
// "1.5 MB".
func fileSize(n int64) string {
	switch {
	case n < 1024:
		return strconv.FormatInt(max(n, 0), 10) + " bytes"
	case n < 1024*1024:
		return strconv.FormatInt((n+512)/1024, 10) + " KB"
	default:
		return strconv.FormatFloat(float64(n)/(1024*1024), 'f', 1, 64) + " MB"
	}
}
