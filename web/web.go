// Package web serves the public hub: server-rendered HTML pages styled with
// the GOV.UK Design System, Atom and iCalendar feeds, the sitemap and the
// health checks, all read from a het.ContentStore.
//
// Templates (web/templates) and static files (web/static, with the compiled
// front end in web/static/dist) are embedded and parsed once at start; with
// Config.Dev they are read from disk on every request instead.
package web

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"het"
	"het/markdown"
)

//go:embed templates
var embeddedTemplates embed.FS

//go:embed static
var embeddedStatic embed.FS

// Config configures the hub.
type Config struct {
	Site het.Site
	// Dev reads templates and static files from disk (DevDir) on every
	// request, so edits show without a rebuild.
	Dev bool
	// DevDir is the web directory Dev reads from; "" means "web" relative to
	// the working directory.
	DevDir string
	// Ready reports whether the service can take traffic (for /readyz); nil
	// means always ready.
	Ready func(context.Context) error
	// Now returns the current time; nil means time.Now.
	Now func() time.Time
	// TrustProxy trusts X-Forwarded-Proto from a reverse proxy when deciding
	// whether the request came over TLS (for HSTS).
	TrustProxy bool
	// PageCache, when positive, keeps each anonymous GET page for this long
	// and serves repeats from memory (see pagecache.go): edits show up to
	// this much later. Zero turns the cache off; dev mode never caches.
	PageCache time.Duration
}

// Server is the public hub's http.Handler.
type Server struct {
	cfg     Config
	site    het.Site
	store   het.ContentStore
	log     *slog.Logger
	md      *markdown.Renderer
	now     func() time.Time
	tmpl    *templates // nil in dev mode: parsed per request
	static  *staticFiles
	handler http.Handler
}

// New returns a Server reading content from st. It parses the templates and
// fingerprints the static files, so a broken template fails here rather than
// on a request.
func New(cfg Config, st het.ContentStore, log *slog.Logger) (*Server, error) {
	if st == nil {
		return nil, errors.New("web: nil content store")
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	site := cfg.Site
	if site.Location == nil {
		site.Location = time.UTC
	}
	site.BaseURL = strings.TrimRight(site.BaseURL, "/")
	if site.Name == "" {
		return nil, errors.New("web: Config.Site.Name is empty")
	}
	// Feeds, the sitemap and calendars need absolute URLs. They come from
	// configuration, never from the request's Host header, which a client
	// controls.
	if u, err := url.Parse(site.BaseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("web: Config.Site.BaseURL %q must be an absolute http or https URL", site.BaseURL)
	}
	s := &Server{cfg: cfg, site: site, store: st, log: log, md: markdown.New(), now: cfg.Now}
	if s.now == nil {
		s.now = time.Now
	}
	tfs, sfs, err := s.filesystems()
	if err != nil {
		return nil, err
	}
	if s.static, err = newStaticFiles(sfs, cfg.Dev); err != nil {
		return nil, err
	}
	tmpl, err := parseTemplates(tfs, s.funcs())
	if err != nil {
		return nil, err
	}
	if !cfg.Dev {
		s.tmpl = tmpl
	}
	s.handler = s.middleware(s.withPageCache(s.routes()))
	return s, nil
}

// filesystems returns the template and static file systems: embedded, or
// the directories on disk in dev mode.
func (s *Server) filesystems() (tfs, sfs fs.FS, err error) {
	if !s.cfg.Dev {
		tfs, _ = fs.Sub(embeddedTemplates, "templates")
		sfs, _ = fs.Sub(embeddedStatic, "static")
		return tfs, sfs, nil
	}
	dir := s.cfg.DevDir
	if dir == "" {
		dir = "web"
	}
	if _, err := os.Stat(filepath.Join(dir, "templates")); err != nil {
		return nil, nil, errors.New("web: dev mode needs the web directory (set DevDir): " + err.Error())
	}
	return os.DirFS(filepath.Join(dir, "templates")), os.DirFS(filepath.Join(dir, "static")), nil
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.handler.ServeHTTP(w, r)
}

// templatesNow returns the parsed templates: the ones parsed at start, or a
// fresh parse from disk in dev mode.
func (s *Server) templatesNow() (*templates, error) {
	if s.tmpl != nil {
		return s.tmpl, nil
	}
	tfs, _, err := s.filesystems()
	if err != nil {
		return nil, err
	}
	return parseTemplates(tfs, s.funcs())
}

// visibility is how the public site reads: published items whose publish
// time has passed.
func (s *Server) visibility() het.Visibility {
	return het.Visibility{Public: true, Now: s.now()}
}
