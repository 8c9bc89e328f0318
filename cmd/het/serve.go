package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"het"
	"het/demo"
	"het/store"
	"het/web"
)

// serveConfig is the typed configuration of "het serve", parsed once from
// flags and HET_* variables and validated before anything starts.
type serveConfig struct {
	Listen          string
	DB              string
	Demo            bool
	BaseURL         string
	Dev             bool
	TrustProxy      bool
	PageCache       time.Duration
	LogFormat       string
	LogLevel        string
	ShutdownTimeout time.Duration
}

func (c serveConfig) validate() error {
	if _, _, err := net.SplitHostPort(c.Listen); err != nil {
		return fmt.Errorf("listen address %q: %v", c.Listen, err)
	}
	if c.DB == "" {
		return errors.New("db: give a SQLite file path or a postgres:// URL")
	}
	if c.BaseURL != "" && !strings.HasPrefix(c.BaseURL, "http://") && !strings.HasPrefix(c.BaseURL, "https://") {
		return fmt.Errorf("base-url %q: must start with http:// or https://", c.BaseURL)
	}
	if c.PageCache < 0 {
		return errors.New("page-cache must not be negative (0 turns it off)")
	}
	if c.ShutdownTimeout <= 0 {
		return errors.New("shutdown-timeout must be positive")
	}
	return nil
}

// LogValue prints the configuration with the database password redacted.
func (c serveConfig) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("listen", c.Listen),
		slog.String("db", redactDSN(c.DB)),
		slog.Bool("demo", c.Demo),
		slog.String("base_url", c.BaseURL),
		slog.Bool("dev", c.Dev),
		slog.Bool("trust_proxy", c.TrustProxy),
		slog.Duration("page_cache", c.PageCache),
		slog.String("log_format", c.LogFormat),
		slog.String("log_level", c.LogLevel),
		slog.Duration("shutdown_timeout", c.ShutdownTimeout),
	)
}

func runServe(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	var c serveConfig
	fs := newFlagSet("serve", "serve [flags]")
	fs.StringVar(&c.Listen, "listen", ":8080", "address to listen on (host:port; :0 picks a free port)")
	fs.StringVar(&c.DB, "db", "het.db", "database: a SQLite file path, or a postgres:// URL")
	fs.BoolVar(&c.Demo, "demo", false, "load the Luton demo content when the database has none")
	fs.StringVar(&c.BaseURL, "base-url", "", "public URL of the site for feeds and the sitemap (default http://localhost:PORT)")
	fs.BoolVar(&c.Dev, "dev", false, "read templates and static files from disk (development)")
	fs.BoolVar(&c.TrustProxy, "trust-proxy", false, "trust X-Forwarded-Proto from a reverse proxy (turns on HSTS behind TLS)")
	fs.DurationVar(&c.PageCache, "page-cache", time.Second, "keep each anonymous page this long and answer repeats from memory (0 turns it off)")
	fs.StringVar(&c.LogFormat, "log-format", "json", "log format: json or text")
	fs.StringVar(&c.LogLevel, "log-level", "info", "log level: debug, info, warn or error")
	fs.DurationVar(&c.ShutdownTimeout, "shutdown-timeout", 10*time.Second, "how long to let requests finish on shutdown")
	if err := parseFlags(fs, args, getenv, stdout, stderr); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("serve takes no arguments, got %q", fs.Args())
	}
	if err := c.validate(); err != nil {
		return err
	}
	log, err := newLogger(stderr, c.LogFormat, c.LogLevel)
	if err != nil {
		return err
	}

	db, err := store.Open(ctx, c.DB, log)
	if err != nil {
		return fmt.Errorf("open database: %w", err)
	}
	defer db.Close()
	if c.Demo {
		if err := loadDemoIfEmpty(ctx, db, log); err != nil {
			return err
		}
	}

	ln, err := net.Listen("tcp", c.Listen)
	if err != nil {
		return err
	}
	site := het.LutonSite()
	site.BaseURL = c.BaseURL
	if site.BaseURL == "" {
		site.BaseURL = "http://" + displayAddr(ln.Addr())
	}
	h, err := web.New(web.Config{Site: site, Dev: c.Dev, Ready: db.Ping, TrustProxy: c.TrustProxy, PageCache: c.PageCache}, db, log)
	if err != nil {
		ln.Close()
		return err
	}
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	log.Info("serving", "config", c, "url", site.BaseURL)
	fmt.Fprintf(stdout, "het: serving %s at %s\n", site.Name, site.BaseURL)

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down")
	sctx, cancel := context.WithTimeout(context.Background(), c.ShutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// displayAddr turns a listener address into one a browser can open:
// the unspecified host becomes localhost.
func displayAddr(a net.Addr) string {
	host, port, err := net.SplitHostPort(a.String())
	if err != nil {
		return a.String()
	}
	if ip := net.ParseIP(host); host == "" || (ip != nil && ip.IsUnspecified()) {
		host = "localhost"
	}
	return net.JoinHostPort(host, port)
}

// loadDemoIfEmpty loads the Luton demo when the database has no objectives,
// so an editor's later deletions are not undone at the next start.
func loadDemoIfEmpty(ctx context.Context, db *store.DB, log *slog.Logger) error {
	objs, err := db.ListObjectives(ctx, het.LinkFilter{})
	if err != nil {
		return fmt.Errorf("check for content: %w", err)
	}
	if len(objs) > 0 {
		log.Info("database has content; demo not loaded")
		return nil
	}
	rep, err := demo.Load(ctx, db, time.Now())
	if err != nil {
		return fmt.Errorf("load demo: %w", err)
	}
	log.Info("demo content loaded", "report", fmt.Sprint(rep))
	return nil
}
