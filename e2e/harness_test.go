// Package e2e drives the real public hub in headless Chromium: axe-core
// accessibility checks (WCAG 2.2 A and AA) on every page type of the Luton
// demo, console and Content-Security-Policy errors, and keyboard journeys.
//
// The tests need Debian's chromium (HET_CHROMIUM names another binary) and
// node_modules/axe-core at the repository root; scripts/install-deps.sh and
// scripts/build-assets.sh install both. Set HET_SCREENSHOTS=DIR to save a
// full-page PNG of every page checked.
package e2e

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"het"
	"het/demo"
	"het/store"
	"het/web"
)

// hub is the running site under test: the store it reads and its URL.
type hub struct {
	st  *store.DB
	url string
}

// startHub opens a fresh SQLite database in a temporary directory, loads the
// Luton demo and serves the hub on a loopback httptest server.
func startHub(t *testing.T) *hub {
	t.Helper()
	ctx := context.Background()
	logger := slog.New(slog.DiscardHandler)
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "het.db"), logger)
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := demo.Load(ctx, db, time.Now()); err != nil {
		t.Fatalf("load demo: %v", err)
	}
	srv, err := web.New(web.Config{Site: het.LutonSite(), Ready: db.Ping}, db, logger)
	if err != nil {
		t.Fatalf("web.New: %v", err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return &hub{st: db, url: ts.URL}
}

// repoRoot walks up from the working directory to the directory holding
// go.mod.
func repoRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the working directory")
		}
		dir = parent
	}
}

// axeSource reads axe-core's minified bundle from the repository's
// node_modules.
func axeSource(t *testing.T) string {
	t.Helper()
	p := filepath.Join(repoRoot(t), "node_modules", "axe-core", "axe.min.js")
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("axe-core is missing (%v): run scripts/build-assets.sh, which runs npm ci", err)
	}
	return string(b)
}

// chromiumPath returns the browser to run: $HET_CHROMIUM, else
// /usr/bin/chromium. A missing browser fails the test, in CI and locally: a
// skipped accessibility test proves nothing.
func chromiumPath(t *testing.T) string {
	t.Helper()
	p := os.Getenv("HET_CHROMIUM")
	if p == "" {
		p = "/usr/bin/chromium"
	}
	if _, err := exec.LookPath(p); err != nil {
		where := "locally"
		if os.Getenv("CI") == "true" {
			where = "in CI"
		}
		t.Fatalf("Chromium not found at %q (%v) %s: run scripts/install-deps.sh (apt-get install chromium) or set HET_CHROMIUM", p, err, where)
	}
	return p
}

// consoleEntry is one console message, uncaught exception or browser log
// entry that the page produced.
type consoleEntry struct {
	kind   string // "console", "exception" or "log"
	level  string // error, warning, ...
	source string // for log entries: network, security, ...
	url    string
	text   string
}

func (e consoleEntry) String() string {
	s := e.kind + " " + e.level
	if e.source != "" {
		s += " (" + e.source + ")"
	}
	s += ": " + e.text
	if e.url != "" {
		s += " [" + e.url + "]"
	}
	return s
}

// isCSP reports whether the entry is a Content-Security-Policy violation.
func (e consoleEntry) isCSP() bool {
	return strings.Contains(e.text, "Content Security Policy") || strings.Contains(e.text, "Content-Security-Policy")
}

// browser is one headless Chromium with one tab that every check reuses.
type browser struct {
	ctx context.Context

	mu      sync.Mutex
	entries []consoleEntry
}

// startBrowser launches Chromium with a fresh profile and opens its tab.
func startBrowser(t *testing.T) *browser {
	t.Helper()
	exe := chromiumPath(t)
	profile, err := os.MkdirTemp("", "het-e2e-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.NoSandbox, // the tests run as root in CI
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-features", "Translate,MediaRouter,OptimizationHints"),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("force-color-profile", "srgb"),
		chromedp.Flag("metrics-recording-only", true),
		chromedp.Flag("password-store", "basic"),
		chromedp.WindowSize(1280, 900),
		chromedp.UserDataDir(profile),
	}
	actx, acancel := chromedp.NewExecAllocator(context.Background(), opts...)
	b := &browser{}
	ctx, cancel := chromedp.NewContext(actx, chromedp.WithListener(b.listen))
	t.Cleanup(func() {
		cancel()
		acancel()
		os.RemoveAll(profile)
	})
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start Chromium %s: %v", exe, err)
	}
	b.ctx = ctx
	return b
}

// listen runs in the tab's event loop: it records console output, uncaught
// exceptions and browser log entries, and must return fast.
func (b *browser) listen(ev any) {
	var e consoleEntry
	switch ev := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		var parts []string
		for _, a := range ev.Args {
			if a == nil {
				continue
			}
			var s string
			if len(a.Value) > 0 && json.Unmarshal(a.Value, &s) == nil {
				parts = append(parts, s)
			} else if a.Description != "" {
				parts = append(parts, a.Description)
			} else {
				parts = append(parts, string(a.Value))
			}
		}
		e = consoleEntry{kind: "console", level: string(ev.Type), text: strings.Join(parts, " ")}
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		text := d.Text
		if d.Exception != nil && d.Exception.Description != "" {
			text += " " + d.Exception.Description
		}
		e = consoleEntry{kind: "exception", level: "error", url: d.URL, text: text}
	case *log.EventEntryAdded:
		en := ev.Entry
		e = consoleEntry{kind: "log", level: string(en.Level), source: string(en.Source), url: en.URL, text: en.Text}
	default:
		return
	}
	b.mu.Lock()
	b.entries = append(b.entries, e)
	b.mu.Unlock()
}

// drain returns and forgets the entries recorded so far.
func (b *browser) drain() []consoleEntry {
	b.mu.Lock()
	defer b.mu.Unlock()
	e := b.entries
	b.entries = nil
	return e
}

// do runs actions with a time limit, so one stuck page fails fast instead
// of hanging the suite.
func (b *browser) do(steps ...chromedp.Action[chromedp.Void]) error {
	ctx, cancel := context.WithTimeout(b.ctx, 20*time.Second)
	defer cancel()
	return chromedp.Do(ctx, steps...)
}

// eval evaluates a JavaScript expression and decodes its value into T.
func eval[T any](b *browser, expr string, opts ...chromedp.EvaluateOption) (T, error) {
	ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
	defer cancel()
	return chromedp.Run(ctx, chromedp.Evaluate[T](expr, opts...))
}

// open navigates the tab to url, waits for the load event and returns the
// HTTP status of the document.
func (b *browser) open(url string) (int, error) {
	ctx, cancel := context.WithTimeout(b.ctx, 20*time.Second)
	defer cancel()
	resp, err := chromedp.Run(ctx, chromedp.NavigateResponse(url))
	if err != nil {
		return 0, err
	}
	if resp == nil {
		return 0, errors.New("no response for the document")
	}
	return int(resp.Status), nil
}

// axeNode is one element that fails an axe rule.
type axeNode struct {
	Target         []any  `json:"target"`
	HTML           string `json:"html"`
	FailureSummary string `json:"failureSummary"`
}

// axeViolation is one axe rule that the page fails.
type axeViolation struct {
	ID      string    `json:"id"`
	Impact  string    `json:"impact"`
	Help    string    `json:"help"`
	HelpURL string    `json:"helpUrl"`
	Nodes   []axeNode `json:"nodes"`
}

// axeTags are the rule sets checked: WCAG 2.0, 2.1 and 2.2 at levels A and AA.
const axeTags = `['wcag2a','wcag2aa','wcag21a','wcag21aa','wcag22a','wcag22aa']`

// runAxe injects axe-core into the current page (unless it is there
// already) and returns the violations it finds.
func (b *browser) runAxe(src string) ([]axeViolation, error) {
	loaded, err := eval[bool](b, `typeof window.axe === 'object'`)
	if err != nil {
		return nil, err
	}
	if !loaded {
		if _, err := eval[chromedp.Void](b, src); err != nil {
			return nil, fmt.Errorf("inject axe-core: %w", err)
		}
	}
	expr := `axe.run(document, {runOnly: {type: 'tag', values: ` + axeTags + `}, resultTypes: ['violations']})
		.then(r => r.violations.map(v => ({id: v.id, impact: v.impact || '', help: v.help, helpUrl: v.helpUrl,
			nodes: v.nodes.map(n => ({target: n.target, html: n.html, failureSummary: n.failureSummary || ''}))})))`
	return eval[[]axeViolation](b, expr, chromedp.EvalAsValue, chromedp.EvalAwaitPromise)
}

// formatViolations prints every violation with its failing nodes.
func formatViolations(vs []axeViolation) string {
	var s strings.Builder
	for _, v := range vs {
		fmt.Fprintf(&s, "\n  %s [%s]: %s (%s)", v.ID, v.Impact, v.Help, v.HelpURL)
		for _, n := range v.Nodes {
			target, _ := json.Marshal(n.Target)
			fmt.Fprintf(&s, "\n    - %s\n      %s", target, oneLine(n.HTML, 300))
			if n.FailureSummary != "" {
				fmt.Fprintf(&s, "\n      %s", oneLine(n.FailureSummary, 400))
			}
		}
	}
	return s.String()
}

var spaces = regexp.MustCompile(`\s+`)

// oneLine collapses whitespace and cuts s to at most n bytes.
func oneLine(s string, n int) string {
	s = spaces.ReplaceAllString(strings.TrimSpace(s), " ")
	if len(s) > n {
		s = s[:n] + "…"
	}
	return s
}

// screenshot saves a full-page PNG of the current page as DIR/name.png when
// HET_SCREENSHOTS=DIR is set.
func (b *browser) screenshot(t *testing.T, name string) {
	t.Helper()
	dir := os.Getenv("HET_SCREENSHOTS")
	if dir == "" {
		return
	}
	ctx, cancel := context.WithTimeout(b.ctx, 20*time.Second)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Errorf("screenshot %s: %v", name, err)
		return
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Errorf("screenshot dir: %v", err)
		return
	}
	if err := os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644); err != nil {
		t.Errorf("screenshot %s: %v", name, err)
	}
}

var unsafeName = regexp.MustCompile(`[^a-zA-Z0-9._-]+`)

// fileName turns a page name into a safe file name.
func fileName(name string) string {
	return strings.Trim(unsafeName.ReplaceAllString(name, "-"), "-")
}
