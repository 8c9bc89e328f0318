package e2e

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// focused describes document.activeElement.
type focused struct {
	Tag    string  `json:"tag"`
	Class  string  `json:"class"`
	ID     string  `json:"id"`
	Href   string  `json:"href"`
	Text   string  `json:"text"`
	Nav    string  `json:"nav"`    // data-e2e-nav, for the main navigation links
	InMain bool    `json:"inMain"` // inside (or is) #main-content
	Search bool    `json:"search"` // the site search's text box
	Height float64 `json:"height"`
	Style  style   `json:"style"`
}

// style is the part of an element's computed style that shows focus.
type style struct {
	Outline    string `json:"outline"`
	OutlineW   string `json:"outlineWidth"`
	OutlineS   string `json:"outlineStyle"`
	OutlineC   string `json:"outlineColor"`
	BoxShadow  string `json:"boxShadow"`
	Background string `json:"background"`
}

// styleJS is a JavaScript function returning an element's style.
const styleJS = `(el) => { const c = getComputedStyle(el); return {outline: c.outlineStyle + ' ' + c.outlineWidth + ' ' + c.outlineColor,
	outlineWidth: c.outlineWidth, outlineStyle: c.outlineStyle, outlineColor: c.outlineColor, boxShadow: c.boxShadow, background: c.backgroundColor}; }`

// activeJS describes the focused element.
const activeJS = `(() => {
	const el = document.activeElement || document.body;
	const st = ` + styleJS + `;
	const main = document.getElementById('main-content');
	return {tag: el.tagName.toLowerCase(), class: typeof el.className === 'string' ? el.className : '', id: el.id || '',
		href: el.getAttribute('href') || '', text: (el.textContent || el.value || '').trim().slice(0, 60),
		nav: el.getAttribute('data-e2e-nav') || '', inMain: !!(main && (main === el || main.contains(el))),
		search: el.matches('input[type=search], input[name=q]') && !!el.form && new URL(el.form.action, location.href).pathname === '/search',
		height: el.getBoundingClientRect().height, style: st(el)};
})()`

// press sends one key to the page.
func (b *browser) press(t *testing.T, key string) {
	t.Helper()
	if err := b.do(chromedp.KeyEvent(key)); err != nil {
		t.Fatalf("press %q: %v", key, err)
	}
}

// active returns what has the focus.
func (b *browser) active(t *testing.T) focused {
	t.Helper()
	f, err := eval[focused](b, activeJS)
	if err != nil {
		t.Fatalf("read the focused element: %v", err)
	}
	return f
}

// keyboardSkipLink: the first Tab on a page focuses the skip link, which
// shows, and Enter on it moves focus to the main content.
func (b *browser) keyboardSkipLink(t *testing.T, home string) {
	if _, err := b.open(home); err != nil {
		t.Fatalf("open %s: %v", home, err)
	}
	b.press(t, kb.Tab)
	f := b.active(t)
	if !strings.Contains(" "+f.Class+" ", " govuk-skip-link ") || f.Href != "#main-content" {
		t.Fatalf("the first Tab focused <%s class=%q href=%q> %q, want the skip link a.govuk-skip-link to #main-content", f.Tag, f.Class, f.Href, f.Text)
	}
	if f.Height < 10 {
		t.Errorf("the focused skip link is not visible (height %.0fpx)", f.Height)
	}
	b.press(t, kb.Enter)
	time.Sleep(100 * time.Millisecond) // the fragment navigation and the focus move are asynchronous
	f = b.active(t)
	hash, _ := eval[string](b, `location.hash`)
	if hash != "#main-content" {
		t.Errorf("after Enter on the skip link the URL fragment is %q, want #main-content", hash)
	}
	if !f.InMain {
		t.Errorf("after Enter on the skip link the focus is on <%s id=%q class=%q>, want #main-content or inside it", f.Tag, f.ID, f.Class)
	}
	// The next Tab continues inside the main content, not in the header.
	b.press(t, kb.Tab)
	if f := b.active(t); !f.InMain {
		t.Errorf("Tab after the skip link focused <%s class=%q> %q outside #main-content", f.Tag, f.Class, f.Text)
	}
}

// keyboardNavigation: Tab from the top of the page reaches every main
// navigation link, in order, each with a visible focus style.
func (b *browser) keyboardNavigation(t *testing.T, home string) {
	if _, err := b.open(home); err != nil {
		t.Fatalf("open %s: %v", home, err)
	}
	type navLink struct {
		Href  string `json:"href"`
		Text  string `json:"text"`
		Style style  `json:"style"`
	}
	links, err := eval[[]navLink](b, `(() => {
		const st = `+styleJS+`;
		const sels = ['.govuk-service-navigation__link', '.govuk-header__navigation-item a', '.govuk-header__navigation a', 'header nav a'];
		let links = [];
		for (const s of sels) { links = [...document.querySelectorAll(s)]; if (links.length) break; }
		links = links.filter(a => a.getClientRects().length > 0);
		return links.map((a, i) => { a.setAttribute('data-e2e-nav', String(i)); return {href: a.getAttribute('href'), text: a.textContent.trim(), style: st(a)}; });
	})()`)
	if err != nil {
		t.Fatalf("find the main navigation: %v", err)
	}
	if len(links) == 0 {
		t.Fatal("no main navigation links (.govuk-service-navigation__link or header nav a) are visible on the home page")
	}
	var order []string
	for range len(links) + 40 {
		b.press(t, kb.Tab)
		f := b.active(t)
		if f.InMain {
			break
		}
		if f.Nav == "" {
			continue
		}
		order = append(order, f.Nav)
		i, err := strconv.Atoi(f.Nav)
		if err != nil || i >= len(links) {
			t.Fatalf("bad data-e2e-nav %q", f.Nav)
		}
		if !visibleFocus(links[i].Style, f.Style) {
			t.Errorf("navigation link %q shows no focus: outline %q and box-shadow %q focused, %q and %q not",
				links[i].Text, f.Style.Outline, f.Style.BoxShadow, links[i].Style.Outline, links[i].Style.BoxShadow)
		}
	}
	t.Logf("Tab reached %d navigation links in order %v", len(order), order)
	var want []string
	for i := range links {
		want = append(want, strconv.Itoa(i))
	}
	if strings.Join(order, ",") != strings.Join(want, ",") {
		var texts []string
		for _, l := range links {
			texts = append(texts, l.Text)
		}
		t.Errorf("Tab reached the navigation links %v, want every one in order %v (%s)", order, want, strings.Join(texts, " | "))
	}
}

// visibleFocus reports whether the focused style differs visibly from the
// unfocused one: a new box-shadow, or an outline that is drawn (not none,
// not zero width, not transparent) and differs.
func visibleFocus(before, after style) bool {
	if after.BoxShadow != "none" && after.BoxShadow != before.BoxShadow {
		return true
	}
	drawn := after.OutlineS != "none" && after.OutlineW != "0px" &&
		after.OutlineC != "transparent" && after.OutlineC != "rgba(0, 0, 0, 0)"
	return drawn && after.Outline != before.Outline
}

// keyboardSearch: the site search box is reachable by Tab, and typing a
// query and pressing Enter shows the search results.
func (b *browser) keyboardSearch(t *testing.T, home string) {
	if _, err := b.open(home); err != nil {
		t.Fatalf("open %s: %v", home, err)
	}
	found := false
	for range 120 {
		b.press(t, kb.Tab)
		if b.active(t).Search {
			found = true
			break
		}
	}
	if !found {
		t.Fatal("Tab never reached the site search box (an input[type=search] or input[name=q] in a form to /search)")
	}
	b.press(t, "health")
	ctx, cancel := context.WithTimeout(b.ctx, 20*time.Second)
	defer cancel()
	resp, err := chromedp.RunResponse(ctx, chromedp.KeyEvent(kb.Enter))
	if err != nil {
		t.Fatalf("submit the search with Enter: %v", err)
	}
	if resp == nil || resp.Status != http.StatusOK {
		t.Errorf("search results: response %v, want status 200", resp)
	}
	type place struct {
		Path    string `json:"path"`
		Q       string `json:"q"`
		Results int    `json:"results"`
	}
	p, err := eval[place](b, `({path: location.pathname, q: new URLSearchParams(location.search).get('q') || '',
		results: document.querySelectorAll('#main-content a[href^="/"]').length})`)
	if err != nil {
		t.Fatal(err)
	}
	if p.Path != "/search" || p.Q != "health" {
		t.Errorf("Enter in the search box landed on %s?q=%s, want /search?q=health", p.Path, p.Q)
	}
	if p.Results == 0 {
		t.Errorf("the search for %q shows no links to content", "health")
	}
}

// keyboardPhoneMenu: on a phone the navigation folds behind a Menu button;
// Tab reaches it, Enter opens it (aria-expanded) and the next Tab reaches
// the first navigation link.
func (b *browser) keyboardPhoneMenu(t *testing.T, home string) {
	if err := b.do(chromedp.EmulateViewport(375, 812, chromedp.EmulateMobile, chromedp.EmulateTouch)); err != nil {
		t.Fatalf("emulate a phone: %v", err)
	}
	defer func() {
		if err := b.do(chromedp.EmulateViewport(1280, 900)); err != nil {
			t.Errorf("reset the viewport: %v", err)
		}
	}()
	if _, err := b.open(home); err != nil {
		t.Fatalf("open %s: %v", home, err)
	}
	type toggle struct {
		Visible  bool   `json:"visible"`
		Expanded string `json:"expanded"`
		LinkShow bool   `json:"linkShown"`
	}
	const state = `(() => {
		const btn = document.querySelector('.govuk-service-navigation__toggle, header button[aria-controls]');
		const link = document.querySelector('.govuk-service-navigation__link, header nav a');
		return {visible: !!btn && !btn.hidden && btn.getClientRects().length > 0, expanded: btn ? (btn.getAttribute('aria-expanded') || '') : '',
			linkShown: !!link && link.getClientRects().length > 0};
	})()`
	s, err := eval[toggle](b, state)
	if err != nil {
		t.Fatal(err)
	}
	if !s.Visible {
		if !s.LinkShow {
			t.Fatal("on a phone there is neither a visible Menu button nor a visible navigation link")
		}
		t.Log("no Menu button on a phone: the navigation links show directly")
		return
	}
	if s.Expanded != "false" || s.LinkShow {
		t.Errorf("on a phone the menu starts with aria-expanded=%q and links shown=%v, want closed", s.Expanded, s.LinkShow)
	}
	found := false
	for range 30 {
		b.press(t, kb.Tab)
		if f := b.active(t); f.Tag == "button" && (strings.Contains(f.Class, "toggle") || f.Text == "Menu") {
			found = true
			break
		}
	}
	if !found {
		t.Fatal("Tab never reached the Menu button on a phone")
	}
	b.press(t, kb.Enter)
	if s, err = eval[toggle](b, state); err != nil {
		t.Fatal(err)
	}
	if s.Expanded != "true" || !s.LinkShow {
		t.Fatalf("Enter on the Menu button left aria-expanded=%q and links shown=%v, want it open", s.Expanded, s.LinkShow)
	}
	b.press(t, kb.Tab)
	if f := b.active(t); f.Tag != "a" || f.InMain {
		t.Errorf("Tab after opening the menu focused <%s> %q, want the first navigation link", f.Tag, f.Text)
	}
}

// keyboardErrorSummary: a list with a bad filter shows the GOV.UK error
// summary; its link, followed by keyboard, puts the focus on the field.
func (b *browser) keyboardErrorSummary(t *testing.T, page string) {
	if _, err := b.open(page); err != nil {
		t.Fatalf("open %s: %v", page, err)
	}
	type summary struct {
		Href    string `json:"href"`
		Focused bool   `json:"focused"`
	}
	s, err := eval[summary](b, `(() => {
		const sum = document.querySelector('.govuk-error-summary');
		const a = sum && sum.querySelector('a[href^="#"]');
		return {href: a ? a.getAttribute('href') : '', focused: !!sum && (document.activeElement === sum || sum.contains(document.activeElement))};
	})()`)
	if err != nil {
		t.Fatal(err)
	}
	if s.Href == "" {
		t.Fatalf("%s shows no error summary with a link to the field", page)
	}
	if !s.Focused {
		t.Errorf("the error summary on %s does not have the focus after the page loads", page)
	}
	found := false
	for range 40 {
		b.press(t, kb.Tab)
		if f := b.active(t); f.Href == s.Href {
			found = true
			break
		}
	}
	if !found {
		t.Fatalf("Tab never reached the error summary's link %s", s.Href)
	}
	b.press(t, kb.Enter)
	time.Sleep(100 * time.Millisecond)
	f := b.active(t)
	if "#"+f.ID != s.Href {
		t.Errorf("Enter on the error summary's link %s focused <%s id=%q>, want the field", s.Href, f.Tag, f.ID)
	}
}
