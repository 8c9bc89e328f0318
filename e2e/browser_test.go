package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"het"
)

// pageCheck is one page to check: a name for the subtest (and the
// screenshot), its path on the hub and the status it must answer with.
type pageCheck struct {
	name   string
	path   string
	status int
}

// demoPages lists every page type of the demo, with slugs read from the
// demo store rather than written into the test.
func demoPages(t *testing.T, h *hub) []pageCheck {
	t.Helper()
	ctx := context.Background()
	v := het.Visibility{Public: true, Now: time.Now()}
	must := func(what string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("read %s from the demo store: %v", what, err)
		}
	}
	objs, err := h.st.ListObjectives(ctx, het.LinkFilter{Visibility: v})
	must("objectives", err)
	pris, err := h.st.ListPriorities(ctx, het.LinkFilter{Visibility: v})
	must("priorities", err)
	news, _, err := h.st.ListNews(ctx, het.NewsFilter{Visibility: v})
	must("news", err)
	upcoming, _, err := h.st.ListEvents(ctx, het.EventFilter{Visibility: v, When: het.EventsUpcoming, Limit: 1})
	must("upcoming events", err)
	past, _, err := h.st.ListEvents(ctx, het.EventFilter{Visibility: v, When: het.EventsPast, Limit: 1})
	must("past events", err)
	progs, _, err := h.st.ListProgrammes(ctx, het.ProgrammeFilter{Visibility: v})
	must("programmes", err)
	cases, err := h.st.ListCaseStudies(ctx, het.LinkFilter{Visibility: v})
	must("case studies", err)
	pages, err := h.st.ListPages(ctx, het.LinkFilter{Visibility: v})
	must("pages", err)

	for what, n := range map[string]int{"objectives": len(objs), "priorities": len(pris), "news items": len(news),
		"upcoming events": len(upcoming), "past events": len(past), "programmes": len(progs), "case studies": len(cases)} {
		if n == 0 {
			t.Fatalf("the demo has no published %s to check", what)
		}
	}

	// The article with the longest body exercises the most Markdown; the
	// programme with files shows the downloads list.
	article := news[0]
	for _, n := range news {
		if len(n.Body) > len(article.Body) {
			article = n
		}
	}
	prog := progs[0]
	for _, p := range progs {
		if len(p.Files) > 0 {
			prog = p
			break
		}
	}

	ps := []pageCheck{
		{"home", "/", 200},
		{"objectives", "/objectives", 200},
		{"objective", "/objectives/" + objs[0].Slug, 200},
		{"priorities", "/priorities", 200},
		{"priority", "/priorities/" + pris[0].Slug, 200},
		{"news", "/news", 200},
		{"article", "/news/" + article.Slug, 200},
		{"events-upcoming", "/events", 200},
		{"events-past", "/events/past", 200},
		{"event-upcoming", "/events/" + upcoming[0].Slug, 200},
		{"event-past", "/events/" + past[0].Slug, 200},
		{"programmes", "/programmes", 200},
		{"programme", "/programmes/" + prog.Slug, 200},
		{"case-studies", "/case-studies", 200},
		{"case-study", "/case-studies/" + cases[0].Slug, 200},
		{"search-results", "/search?q=" + url.QueryEscape("health"), 200},
		{"search-none", "/search?q=" + url.QueryEscape("zzqxjvw"), 200},
		{"not-found", "/no-such-page", 404},
		{"not-found-news", "/news/no-such-article", 404},
		{"bad-request", "/news?page=abc", 400},
		{"news-filter-error", "/news?objective=no-such-objective", 400},
		{"programmes-filter-error", "/programmes?cost=no-such-cost", 400},
	}
	required := []string{"about", "driving-change", "accessibility-statement", "privacy", "contact"}
	var slugs []string
	for _, p := range pages {
		slugs = append(slugs, p.Slug)
	}
	for _, s := range required {
		if !slices.Contains(slugs, s) {
			t.Errorf("the demo has no published page %q", s)
			slugs = append(slugs, s)
		}
	}
	for _, s := range slugs {
		ps = append(ps, pageCheck{"page-" + s, "/pages/" + s, 200})
	}
	return ps
}

// TestBrowser checks every page type of the demo in headless Chromium with
// axe-core at desktop and phone widths, fails on console errors and CSP
// violations, and walks the keyboard journeys.
func TestBrowser(t *testing.T) {
	axe := axeSource(t)
	b := startBrowser(t)
	t.Run("harness", func(t *testing.T) { b.selfCheck(t, axe) })
	h := startHub(t)

	for _, p := range demoPages(t, h) {
		t.Run("axe/"+p.name, func(t *testing.T) {
			b.check(t, axe, h.url+p.path, p.status, p.name)
		})
	}

	// Filtered lists: submit each list's filter form as a person would,
	// choosing a value the demo content has, then follow "next" if the
	// results run to a second page.
	ctx := context.Background()
	v := het.Visibility{Public: true, Now: time.Now()}
	news, _, _ := h.st.ListNews(ctx, het.NewsFilter{Visibility: v})
	progs, _, _ := h.st.ListProgrammes(ctx, het.ProgrammeFilter{Visibility: v})
	upcoming, _, _ := h.st.ListEvents(ctx, het.EventFilter{Visibility: v, When: het.EventsUpcoming})
	past, _, _ := h.st.ListEvents(ctx, het.EventFilter{Visibility: v, When: het.EventsPast})
	var newsWanted, progWanted, eventWanted, pastWanted []string
	for _, e := range upcoming {
		eventWanted = append(eventWanted, e.ObjectiveSlugs...)
		eventWanted = append(eventWanted, e.PrioritySlugs...)
	}
	for _, e := range past {
		pastWanted = append(pastWanted, e.ObjectiveSlugs...)
		pastWanted = append(pastWanted, e.PrioritySlugs...)
	}
	for _, n := range news {
		newsWanted = append(newsWanted, n.ObjectiveSlugs...)
		newsWanted = append(newsWanted, n.PrioritySlugs...)
	}
	for _, p := range progs {
		// The directory's own facets, audience and cost, rather than the
		// objective filter the other lists share.
		progWanted = append(progWanted, p.Audiences...)
		progWanted = append(progWanted, p.Cost)
	}
	t.Run("axe/news-filtered", func(t *testing.T) {
		b.checkFiltered(t, axe, h.url+"/news", newsWanted, "news-filtered")
	})
	t.Run("axe/news-page-2", func(t *testing.T) {
		b.checkNextPage(t, axe, h.url+"/news", "news-page-2")
	})
	t.Run("axe/search-page-2", func(t *testing.T) {
		b.checkNextPage(t, axe, h.url+"/search?q=health", "search-page-2")
	})
	t.Run("axe/events-filtered", func(t *testing.T) {
		b.checkFiltered(t, axe, h.url+"/events", eventWanted, "events-filtered")
	})
	t.Run("axe/events-past-filtered", func(t *testing.T) {
		b.checkFiltered(t, axe, h.url+"/events/past", pastWanted, "events-past-filtered")
	})
	t.Run("axe/programmes-filtered", func(t *testing.T) {
		b.checkFiltered(t, axe, h.url+"/programmes", progWanted, "programmes-filtered")
	})

	// A phone: 375×812 CSS pixels, mobile layout and touch.
	t.Run("phone", func(t *testing.T) {
		if err := b.do(chromedp.EmulateViewport(375, 812, chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulateScale(2))); err != nil {
			t.Fatalf("emulate a phone: %v", err)
		}
		defer func() {
			if err := b.do(chromedp.EmulateViewport(1280, 900)); err != nil {
				t.Errorf("reset the viewport: %v", err)
			}
		}()
		for _, p := range demoPages(t, h) {
			switch p.name {
			case "home", "article", "event-upcoming", "programmes", "search-results":
			default:
				continue
			}
			t.Run(p.name, func(t *testing.T) {
				b.check(t, axe, h.url+p.path, p.status, "phone-"+p.name)
				b.checkNoHorizontalScroll(t)
			})
		}
	})

	// WCAG 1.4.10 Reflow: every page at 320 CSS pixels wide (1280 at 400%
	// zoom) without sideways scrolling.
	t.Run("reflow-320", func(t *testing.T) {
		if err := b.do(chromedp.EmulateViewport(320, 640, chromedp.EmulateMobile)); err != nil {
			t.Fatalf("emulate a 320px screen: %v", err)
		}
		defer func() {
			if err := b.do(chromedp.EmulateViewport(1280, 900)); err != nil {
				t.Errorf("reset the viewport: %v", err)
			}
		}()
		for _, p := range demoPages(t, h) {
			t.Run(p.name, func(t *testing.T) {
				b.drain()
				if _, err := b.open(h.url + p.path); err != nil {
					t.Fatalf("open %s: %v", p.path, err)
				}
				b.checkNoHorizontalScroll(t)
				b.checkConsole(t, h.url+p.path)
			})
		}
	})

	t.Run("keyboard/skip-link", func(t *testing.T) { b.keyboardSkipLink(t, h.url+"/") })
	t.Run("keyboard/navigation", func(t *testing.T) { b.keyboardNavigation(t, h.url+"/") })
	t.Run("keyboard/search", func(t *testing.T) { b.keyboardSearch(t, h.url+"/") })
	t.Run("keyboard/phone-menu", func(t *testing.T) { b.keyboardPhoneMenu(t, h.url+"/") })
	t.Run("keyboard/error-summary", func(t *testing.T) {
		b.keyboardErrorSummary(t, h.url+"/news?objective=no-such-objective")
	})

	// Last, as it changes every page: the urgent-notice banner.
	t.Run("alert", func(t *testing.T) {
		now := time.Now()
		a := &het.Alert{Title: "HealthFest is moving indoors", Message: "Because of the weather forecast, HealthFest will be held in the sports hall.",
			LinkURL: "https://www.luton.gov.uk/healthfest", LinkText: "See the new venue", Active: true, StartsAt: now.Add(-time.Hour), EndsAt: now.Add(24 * time.Hour)}
		if err := h.st.SaveAlert(context.Background(), a); err != nil {
			t.Fatalf("save an alert: %v", err)
		}
		for _, p := range []pageCheck{{"home", "/", 200}, {"news", "/news", 200}, {"not-found", "/no-such-page", 404}} {
			t.Run(p.name, func(t *testing.T) {
				b.check(t, axe, h.url+p.path, p.status, "alert-"+p.name)
				if n, err := eval[int](b, `document.querySelectorAll('.govuk-notification-banner').length`); err != nil || n != 1 {
					t.Errorf("%s shows %d alert banners (%v), want 1", p.path, n, err)
				}
			})
		}
	})
}

// check opens url, asserts its status, runs axe-core and fails on any
// violation, any console error or CSP violation, and a page without
// exactly one h1.
func (b *browser) check(t *testing.T, axe, url string, status int, name string) {
	t.Helper()
	b.drain()
	got, err := b.open(url)
	if err != nil {
		t.Fatalf("open %s: %v", url, err)
	}
	if got != status {
		t.Errorf("GET %s: status %d, want %d", url, got, status)
	}
	b.audit(t, axe, name)
}

// audit checks the page that is open: axe-core, the page's outline, the
// console; and saves a screenshot when asked.
func (b *browser) audit(t *testing.T, axe, name string) {
	t.Helper()
	here, _ := eval[string](b, `location.href`)
	vs, err := b.runAxe(axe)
	if err != nil {
		t.Fatalf("axe on %s: %v", here, err)
	}
	if len(vs) > 0 {
		t.Errorf("%d axe-core violation(s) on %s:%s", len(vs), here, formatViolations(vs))
	}
	type outline struct {
		H1    int    `json:"h1"`
		Title string `json:"title"`
		Main  int    `json:"main"`
		Lang  string `json:"lang"`
	}
	o, err := eval[outline](b, `({h1: document.querySelectorAll('h1').length, title: document.title,
		main: document.querySelectorAll('main#main-content').length, lang: document.documentElement.lang})`)
	if err != nil {
		t.Fatalf("read the outline of %s: %v", here, err)
	}
	if o.H1 != 1 {
		t.Errorf("%s has %d h1 elements, want exactly 1", here, o.H1)
	}
	if o.Main != 1 {
		t.Errorf("%s has %d <main id=\"main-content\">, want 1 (the skip link's target)", here, o.Main)
	}
	if strings.TrimSpace(o.Title) == "" {
		t.Errorf("%s has an empty <title>", here)
	}
	if o.Lang == "" {
		t.Errorf("%s has no lang on <html>", here)
	}
	b.screenshot(t, fileName(name))
	b.checkConsole(t, here)
}

// checkConsole fails on every console error, uncaught exception and CSP
// violation recorded since the last drain.
func (b *browser) checkConsole(t *testing.T, here string) {
	t.Helper()
	errs, warns := b.consoleProblems(here)
	for _, e := range errs {
		t.Error(e)
	}
	for _, w := range warns {
		t.Log(w)
	}
}

// consoleProblems sorts the entries recorded since the last drain into
// errors (console errors, uncaught exceptions, CSP violations) and warnings.
// The document's own non-2xx status (a 404 or 400 page) is expected and not
// an error.
func (b *browser) consoleProblems(here string) (errs, warns []string) {
	// Give events that were in flight when the checks finished a moment to
	// arrive.
	time.Sleep(20 * time.Millisecond)
	for _, e := range b.drain() {
		switch {
		case e.isCSP():
			errs = append(errs, fmt.Sprintf("CSP violation on %s: %s", here, e))
		case e.kind == "log" && e.source == "network" && e.url == here:
			// The document's own status, e.g. the 404 page's 404.
		case e.kind == "exception", e.level == "error", e.level == "assert":
			errs = append(errs, fmt.Sprintf("console error on %s: %s", here, e))
		case e.level == "warning":
			warns = append(warns, fmt.Sprintf("console warning on %s: %s", here, e))
		}
	}
	return errs, warns
}

// setFilterJS marks the page's own GET filter form data-e2e-filter, sets
// the first control whose value is one of the wanted values (or, failing
// that, the first non-empty option or the first checkbox), and returns
// "name=value" for the control it set, or "" when the page has no filter.
const setFilterJS = `((wanted) => {
	const forms = [...document.querySelectorAll('form')].filter(f =>
		(f.method || 'get').toLowerCase() === 'get' && new URL(f.action, location.href).pathname === location.pathname);
	if (!forms.length) return '';
	const f = forms[0];
	f.setAttribute('data-e2e-filter', '');
	const set = (pick) => {
		for (const el of f.elements) {
			if (el.tagName === 'SELECT') {
				for (const o of el.options) if (o.value !== '' && pick(o.value)) { el.value = o.value; return el.name + '=' + o.value; }
			} else if ((el.type === 'checkbox' || el.type === 'radio') && el.value !== '' && pick(el.value)) {
				el.checked = true; return el.name + '=' + el.value;
			}
		}
		return '';
	};
	return set(v => wanted.includes(v)) || set(() => true);
})`

// checkFiltered opens a list page, applies one filter through its form,
// submits it and audits the result.
func (b *browser) checkFiltered(t *testing.T, axe, listURL string, wanted []string, name string) {
	t.Helper()
	if _, err := b.open(listURL); err != nil {
		t.Fatalf("open %s: %v", listURL, err)
	}
	w, _ := jsonString(wanted)
	applied, err := eval[string](b, setFilterJS+`(`+w+`)`)
	if err != nil {
		t.Fatalf("set a filter on %s: %v", listURL, err)
	}
	if applied == "" {
		t.Fatalf("%s has no filter form (a GET form submitting to the same page)", listURL)
	}
	b.drain()
	ctx, cancel := context.WithTimeout(b.ctx, 20*time.Second)
	defer cancel()
	resp, err := chromedp.RunResponse(ctx, chromedp.Evaluate[chromedp.Void](`document.querySelector('form[data-e2e-filter]').requestSubmit()`))
	if err != nil {
		t.Fatalf("submit the filter %s on %s: %v", applied, listURL, err)
	}
	here, _ := eval[string](b, `location.href`)
	t.Logf("filter %s → %s", applied, here)
	if resp == nil || resp.Status != http.StatusOK {
		t.Errorf("filtered list %s: status %v, want 200", here, resp)
	}
	if !strings.Contains(here, "?") {
		t.Errorf("submitting the filter %s landed on %s, with no query", applied, here)
	}
	b.audit(t, axe, name)
	b.checkNextPage(t, axe, here, name+"-page-2")
}

// checkNextPage opens a list and, if it has a "next page" link, follows it
// and audits the second page.
func (b *browser) checkNextPage(t *testing.T, axe, listURL, name string) {
	t.Helper()
	if _, err := b.open(listURL); err != nil {
		t.Fatalf("open %s: %v", listURL, err)
	}
	next, err := eval[string](b, `(document.querySelector('.govuk-pagination__next a, a[rel=next]') || {href: ''}).href`)
	if err != nil {
		t.Fatalf("look for a next page on %s: %v", listURL, err)
	}
	if next == "" {
		t.Logf("%s has one page of results; no page 2 to check", listURL)
		return
	}
	b.check(t, axe, next, 200, name)
}

// checkNoHorizontalScroll fails when the page is wider than the viewport,
// which on a phone means sideways scrolling (WCAG 1.4.10 Reflow).
func (b *browser) checkNoHorizontalScroll(t *testing.T) {
	t.Helper()
	type widths struct {
		Doc  int      `json:"doc"`
		View int      `json:"view"`
		Wide []string `json:"wide"`
	}
	w, err := eval[widths](b, `(() => {
		const view = document.documentElement.clientWidth;
		const wide = [];
		for (const el of document.querySelectorAll('body *')) {
			const r = el.getBoundingClientRect();
			if (r.right > view + 1 && getComputedStyle(el).position !== 'fixed') {
				wide.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : '') + ' right=' + Math.round(r.right));
				if (wide.length >= 5) break;
			}
		}
		return {doc: document.documentElement.scrollWidth, view, wide};
	})()`)
	if err != nil {
		t.Fatalf("measure the page: %v", err)
	}
	if w.Doc > w.View+1 {
		t.Errorf("the page scrolls sideways on a phone: %dpx wide in a %dpx viewport; too wide: %s", w.Doc, w.View, strings.Join(w.Wide, ", "))
	}
}

// jsonString encodes v as a JavaScript literal.
func jsonString(v any) (string, error) {
	b, err := json.Marshal(v)
	return string(b), err
}
