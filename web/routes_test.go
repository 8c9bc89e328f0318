package web

import (
	"net/http"
	"strings"
	"testing"
)

// TestRoutes requests every route and checks status, content type and key
// content, against the demo content in a real store.
func TestRoutes(t *testing.T) {
	f := newFixture(t)
	const html = "text/html; charset=utf-8"
	tests := []struct {
		name, path string
		status     int
		ctype      string
		want       []string
	}{
		{"home", "/", 200, html, []string{
			"a healthy, fair and sustainable town where everyone can thrive and no one lives in poverty",
			"Give every child the best start in life", "Objective 8", "Priority 5", "How are we doing?",
			`href="/pages/driving-change"`, "Latest news", "Upcoming events", "Featured programmes",
			`<a class="govuk-service-navigation__link" href="/" aria-current="page">`, `lang="en-GB"`,
			`<a href="#main-content" class="govuk-skip-link"`, `<script type="module" src="/static/het.js?v=`,
		}},
		{"objectives", "/objectives", 200, html, []string{"Marmot policy objectives", "/objectives/best-start-in-life", "Objective 8"}},
		{"objective", "/objectives/best-start-in-life", 200, html, []string{"Give every child the best start in life", "Local priorities for this objective", "Programmes", "/priorities/child-friendly-town"}},
		{"priorities", "/priorities", 200, html, []string{"Local priorities", "/priorities/net-zero"}},
		{"priority", "/priorities/child-friendly-town", 200, html, []string{"Marmot objectives this priority serves", `aria-current="true"`}},
		{"news", "/news", 200, html, []string{"Filter news", `<select class="govuk-select" id="objective" name="objective">`, "articles", "govuk-pagination", `aria-current="page"><strong class="govuk-service-navigation__active-fallback">News</strong>`}},
		{"news page 2", "/news?page=2", 200, html, []string{`rel="prev"`}},
		{"news filtered", "/news?objective=fair-work&year=2025", 200, html, []string{`<option value="fair-work" selected>`, "Clear filters"}},
		{"news by priority", "/news?priority=child-friendly-town", 200, html, []string{"New enterprise coordinator"}},
		{"news item", "/news/wellbeing-self-help-app", 200, html, []string{"Free app to help you manage negative thoughts", "Published <time", "govuk-body", "Part of"}},
		{"events", "/events", 200, html, []string{"Upcoming events", "HealthFest 2026 in Wardown Park", "Past events"}},
		{"events filtered", "/events?objective=ill-health-prevention", 200, html, []string{"HealthFest"}},
		{"past events", "/events/past", 200, html, []string{"Past events", "Health Equity Town conference 2023: one year on"}},
		{"event", "/events/healthfest-wardown-park", 200, html, []string{
			"Saturday 2 May 2026, 11am to 4pm", "Wardown Park", "Old Bedford Road, Luton", "Assistance dogs are welcome",
			"No need to book. Just come along.", `<script type="application/ld+json">{"@context":"https://schema.org","@type":"Event"`,
			`/events/healthfest-wardown-park.ics`,
		}},
		{"past event", "/events/health-equity-town-conference-2023", 200, html, []string{"Past event", "Thursday 16 November 2023, 9:30am to 4pm"}},
		{"event ics", "/events/healthfest-wardown-park.ics", 200, "text/calendar; charset=utf-8", []string{"BEGIN:VCALENDAR\r\n", "SUMMARY:HealthFest 2026 in Wardown Park\r\n"}},
		{"events ics", "/events.ics", 200, "text/calendar; charset=utf-8", []string{"BEGIN:VCALENDAR\r\n", "UID:event-health-equity-town-prize@het.example.org"}},
		{"programmes", "/programmes", 200, html, []string{"Filter programmes", "GoodGym", `id="audience"`, `id="cost"`}},
		{"programmes faceted", "/programmes?cost=Free&objective=healthy-places", 200, html, []string{"Heritage walking maps", `<option value="Free" selected>`}},
		{"programme", "/programmes/heritage-walking-maps", 200, html, []string{"Downloads", "/programmes/heritage-walking-maps/files/town-centre-heritage-walk.gpx", " KB</a>"}},
		{"programme file", "/programmes/heritage-walking-maps/files/town-centre-heritage-walk.txt", 200, "text/plain; charset=utf-8", nil},
		{"about", "/pages/about", 200, html, []string{`aria-current="page">`, "About"}},
		{"accessibility", "/pages/accessibility-statement", 200, html, []string{"Accessibility statement"}},
		{"privacy", "/pages/privacy", 200, html, []string{"Privacy"}},
		{"contact", "/pages/contact", 200, html, []string{"healthequity@luton.gov.uk"}},
		{"driving change", "/pages/driving-change", 200, html, nil},
		{"case studies", "/case-studies", 200, html, []string{"Case studies", "/case-studies/employer-fair-work-pledge"}},
		{"case study", "/case-studies/employer-fair-work-pledge", 200, html, []string{"A local employer makes work fairer", "Case study"}},
		{"search form", "/search", 200, html, []string{"Search Luton Health Equity Town", `id="kind"`}},
		{"search", "/search?q=GoodGym", 200, html, []string{"Search results for ‘GoodGym’", "/programmes/goodgym", "Programme", `value="GoodGym"`}},
		{"search by kind", "/search?q=GoodGym&kind=news", 200, html, []string{"/news/goodgym-get-fit-by-doing-good"}},
		{"search nothing", "/search?q=zzqqxxnothing", 200, html, []string{"0 results", "There are no matching results."}},
		{"atom", "/feed.atom", 200, "application/atom+xml; charset=utf-8", []string{`<feed xmlns="http://www.w3.org/2005/Atom">`}},
		{"sitemap", "/sitemap.xml", 200, "application/xml; charset=utf-8", []string{"<loc>https://het.example.org/news/wellbeing-self-help-app</loc>"}},
		{"robots", "/robots.txt", 200, "text/plain; charset=utf-8", []string{"Allow: /", "Sitemap: https://het.example.org/sitemap.xml"}},
		{"healthz", "/healthz", 200, "text/plain; charset=utf-8", []string{"ok"}},
		{"readyz", "/readyz", 200, "text/plain; charset=utf-8", []string{"ready"}},
		{"static js", "/static/het.js", 200, "text/javascript; charset=utf-8", []string{"initAll"}},
		{"static svg", "/static/favicon.svg", 200, "image/svg+xml", nil},
		{"not found", "/no-such-page", 404, html, []string{"Page not found", "If you typed the web address"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, body := f.get(t, tt.path)
			if res.StatusCode != tt.status {
				t.Fatalf("GET %s = %d, want %d\n%s", tt.path, res.StatusCode, tt.status, body)
			}
			if got := res.Header.Get("Content-Type"); got != tt.ctype {
				t.Errorf("Content-Type = %q, want %q", got, tt.ctype)
			}
			for _, w := range tt.want {
				if !strings.Contains(body, w) {
					t.Errorf("GET %s: body lacks %q", tt.path, w)
				}
			}
			if strings.HasPrefix(tt.ctype, "text/html") {
				if n := strings.Count(body, "<h1"); n != 1 {
					t.Errorf("GET %s: %d h1 elements, want 1", tt.path, n)
				}
				assertInert(t, tt.path, body)
			}
			assertNoLeak(t, body)
		})
	}
}

// TestHead checks that GET routes answer HEAD with headers and no body.
func TestHead(t *testing.T) {
	f := newFixture(t)
	for _, path := range []string{"/", "/news/wellbeing-self-help-app", "/feed.atom", "/events.ics", "/no-such-page"} {
		res, body := f.do(t, http.MethodHead, path, nil)
		if res.StatusCode >= 500 || body != "" {
			t.Errorf("HEAD %s = %d with %d bytes of body", path, res.StatusCode, len(body))
		}
	}
}
