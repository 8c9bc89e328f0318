package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"het"
)

// TestEveryTemplate executes every page template with representative data
// built from the demo content, with an alert and form errors showing, and
// fails if a template has no case here.
func TestEveryTemplate(t *testing.T) {
	f := newFixture(t)
	ctx, vis := context.Background(), het.Visibility{Public: true, Now: testNow}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	objectives, err := f.db.ListObjectives(ctx, het.LinkFilter{Visibility: vis})
	must(err)
	priorities, err := f.db.ListPriorities(ctx, het.LinkFilter{Visibility: vis})
	must(err)
	news, _, err := f.db.ListNews(ctx, het.NewsFilter{Visibility: vis})
	must(err)
	events, _, err := f.db.ListEvents(ctx, het.EventFilter{Visibility: vis})
	must(err)
	programmes, _, err := f.db.ListProgrammes(ctx, het.ProgrammeFilter{Visibility: vis})
	must(err)
	walks, err := f.db.FindProgramme(ctx, "heritage-walking-maps", vis)
	must(err)
	page, err := f.db.FindPage(ctx, "about", vis)
	must(err)
	cases, err := f.db.ListCaseStudies(ctx, het.LinkFilter{Visibility: vis})
	must(err)
	if len(objectives) == 0 || len(priorities) == 0 || len(news) == 0 || len(events) == 0 || len(programmes) == 0 || len(cases) == 0 {
		t.Fatal("the demo content is missing a kind")
	}

	c := Chrome{
		Site: f.srv.site, Title: "Representative", Path: "/news", RequestID: "req-1", SearchQ: "walks",
		Alert:  &het.Alert{Title: "Service change", Message: "HealthFest has moved indoors.", LinkURL: "https://example.org", LinkText: "Read more"},
		Errors: []FormError{{Field: "objective", Message: "Select an objective from the list"}},
	}
	opts := []Option{{Value: "", Text: "All"}, {Value: "a", Text: "A", Selected: true}}
	filters := &Filters{Objectives: opts, Priorities: opts, Years: opts, Audiences: opts, Costs: opts, Applied: true}
	pag := paginate("/news", url.Values{"year": {"2025"}}, 3, 95, 10)
	jsonld, err := f.srv.eventJSONLD(events[0])
	must(err)
	data := map[string]any{
		"home":         &homePage{Chrome: c, Objectives: objectives, Priorities: priorities, News: news[:3], Events: events[:2], Programmes: programmes},
		"objectives":   &objectivesPage{Chrome: c, Objectives: objectives},
		"priorities":   &objectivesPage{Chrome: c, Priorities: priorities},
		"objective":    &objectivePage{Chrome: c, Objective: objectives[0], Priorities: priorities, News: news, Events: events, Programmes: programmes, CaseStudies: cases},
		"priority":     &priorityPage{Chrome: c, Priority: priorities[0], Objectives: objectives, News: news, Programmes: programmes},
		"news":         &newsListPage{Chrome: c, Filters: filters, News: news, Total: 95, Pagination: pag},
		"news-item":    &newsItemPage{Chrome: c, News: news[0], Objectives: objectives[:2], Priorities: priorities[:1]},
		"events":       &eventsPage{Chrome: c, Past: true, Filters: filters, Events: events, Total: 5},
		"event":        &eventPage{Chrome: c, Event: events[0], Objectives: objectives[:1], Priorities: priorities[:1], Upcoming: true, JSONLD: jsonld},
		"programmes":   &programmesPage{Chrome: c, Filters: filters, Programmes: programmes, Total: len(programmes)},
		"programme":    &programmePage{Chrome: c, Programme: walks, Objectives: objectives[:1], Priorities: priorities[:1]},
		"page":         &pagePage{Chrome: c, Page: page},
		"case-studies": &caseStudiesPage{Chrome: c, CaseStudies: cases},
		"case-study":   &caseStudyPage{Chrome: c, CaseStudy: cases[0], Objectives: objectives[:1], Priorities: priorities[:1]},
		"search": &searchPage{Chrome: c, Q: "walks", Kinds: opts, Searched: true, Total: 1,
			Results: []het.SearchResult{{Kind: het.KindProgramme, Slug: "heritage-walking-maps", Title: "Heritage walking maps", Snippet: "Free <b>maps</b>"}}},
		"not-found":    &errorPage{Chrome: c},
		"bad-request":  &errorPage{Chrome: c, Message: "The page number must be a whole number."},
		"server-error": &errorPage{Chrome: c},
	}
	for name := range f.srv.tmpl.pages {
		t.Run(name, func(t *testing.T) {
			d, ok := data[name]
			if !ok {
				t.Fatalf("no representative data for template %q: add a case", name)
			}
			rec := httptest.NewRecorder()
			req := httptest.NewRequest(http.MethodGet, "/news", nil)
			if err := f.srv.render(rec, req, http.StatusOK, name, d); err != nil {
				t.Fatalf("render: %v", err)
			}
			body := rec.Body.String()
			for _, want := range []string{"HealthFest has moved indoors.", "govuk-notification-banner", "There is a problem", `href="#objective"`, `value="walks"`, "Open Government Licence"} {
				if !strings.Contains(body, want) {
					t.Errorf("lacks %q", want)
				}
			}
			if n := strings.Count(body, "<h1"); n != 1 {
				t.Errorf("%d h1 elements", n)
			}
			assertInert(t, name, body)
		})
	}
	if err := f.srv.render(httptest.NewRecorder(), httptest.NewRequest("GET", "/", nil), 200, "no-such-template", nil); err == nil {
		t.Error("rendering a missing template should fail")
	}
}

func TestEventWhen(t *testing.T) {
	s := &Server{site: het.LutonSite()}
	london := s.site.Location
	at := func(mo time.Month, d, h, m int) time.Time { return time.Date(2026, mo, d, h, m, 0, 0, london) }
	tests := []struct {
		name       string
		start, end time.Time
		want       string
	}{
		{"same day GMT", at(3, 14, 10, 0), at(3, 14, 16, 0), "Saturday 14 March 2026, 10am to 4pm"},
		{"same day BST", at(7, 4, 9, 30), at(7, 4, 12, 0), "Saturday 4 July 2026, 9:30am to midday"},
		{"no end", at(3, 14, 18, 45), time.Time{}, "Saturday 14 March 2026, 6:45pm"},
		{"end before start", at(3, 14, 10, 0), at(3, 14, 9, 0), "Saturday 14 March 2026, 10am"},
		{"overnight", at(3, 14, 20, 0), at(3, 15, 0, 0), "Saturday 14 March 2026, 8pm to Sunday 15 March 2026, midnight"},
		{"several days", at(3, 14, 10, 0), at(3, 16, 17, 0), "Saturday 14 March 2026, 10am to Monday 16 March 2026, 5pm"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := &het.Event{StartsAt: tt.start.UTC(), EndsAt: tt.end}
			if !tt.end.IsZero() {
				e.EndsAt = tt.end.UTC()
			}
			if got := s.eventWhen(e); got != tt.want {
				t.Errorf("eventWhen = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestPaginate(t *testing.T) {
	tests := []struct {
		name              string
		page, total       int
		wantNil           bool
		prev, next, items string
	}{
		{"one page", 1, 10, true, "", "", ""},
		{"first of three", 1, 25, false, "", "/news?page=2&year=2025", "1* 2 3"},
		{"middle", 5, 95, false, "/news?page=4&year=2025", "/news?page=6&year=2025", "1 … 4 5* 6 … 10"},
		{"last", 10, 95, false, "/news?page=9&year=2025", "", "1 … 9 10*"},
		{"second links back to first without page", 2, 25, false, "/news?year=2025", "/news?page=3&year=2025", "1 2* 3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := paginate("/news", url.Values{"year": {"2025"}, "page": {"7"}}, tt.page, tt.total, 10)
			if (p == nil) != tt.wantNil {
				t.Fatalf("paginate = %v", p)
			}
			if p == nil {
				return
			}
			var items []string
			for _, it := range p.Items {
				switch {
				case it.Ellipsis:
					items = append(items, "…")
				case it.Current:
					items = append(items, strconv.Itoa(it.Number)+"*")
				default:
					items = append(items, strconv.Itoa(it.Number))
				}
			}
			if p.Prev != tt.prev || p.Next != tt.next || strings.Join(items, " ") != tt.items {
				t.Errorf("got prev %q next %q items %q", p.Prev, p.Next, strings.Join(items, " "))
			}
		})
	}
}

func TestFileSize(t *testing.T) {
	for n, want := range map[int64]string{0: "0 bytes", 900: "900 bytes", 1536: "2 KB", 500 << 10: "500 KB", 3 << 19: "1.5 MB"} {
		if got := fileSize(n); got != want {
			t.Errorf("fileSize(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestCheckQuery(t *testing.T) {
	for raw, ok := range map[string]bool{"": true, "a=1&b=2": true, "q=caf%C3%A9": true, "q=%ff": false, "%zz": false, "q=%c3": false} {
		if err := checkQuery(raw); (err == nil) != ok {
			t.Errorf("checkQuery(%q) = %v", raw, err)
		}
		if err := checkQuery(raw); err != nil && het.ErrorCode(err) != het.EINVALID {
			t.Errorf("checkQuery(%q) = %v, want EINVALID", raw, err)
		}
	}
}
