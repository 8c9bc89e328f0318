// Package demo holds Luton's demo content for the Health Equity Town hub and
// the loader that puts it into a het.ContentStore.
//
// Layout. Each kind has a small Go file (objectives.go, news.go, events.go,
// programmes.go, pages.go, casestudies.go) that holds the structured fields:
// slugs, titles, summaries, dates, links and facets. The long Markdown bodies
// live as one file per item in content/<kind>/<slug>.md and the programme
// downloads in files/, both embedded with go:embed. Keeping the prose in
// Markdown files lets an editor read and review it as text, keeps every Go
// file short, and keeps the Go code free of long string literals.
//
// Idempotence. Load finds every item by slug with het.Visibility{} (every
// status) and saves only the items that are missing, so running it twice
// changes nothing and never overwrites an editor's later changes. Upcoming
// event dates are worked out from the day of now in Europe/London, so the same
// day always gives the same dates; as existing items are left alone, a later
// run does not move them either.
package demo

import (
	"context"
	"embed"
	"fmt"
	"strings"
	"time"

	"het"
)

//go:embed content files
var embedded embed.FS

// Count is what Load did with one kind of content.
type Count struct {
	Added    int // saved because no item had the slug
	Existing int // left alone because an item with the slug was already stored
}

// Report says, per kind, how many items Load added and how many already
// existed.
type Report struct {
	Objectives  Count
	Priorities  Count
	News        Count
	Events      Count
	Programmes  Count
	Pages       Count
	CaseStudies Count
}

func (r Report) counts() []struct {
	name string
	c    Count
} {
	return []struct {
		name string
		c    Count
	}{
		{"objectives", r.Objectives}, {"priorities", r.Priorities}, {"news", r.News},
		{"events", r.Events}, {"programmes", r.Programmes}, {"pages", r.Pages},
		{"case studies", r.CaseStudies},
	}
}

// Added returns the number of items added across every kind.
func (r Report) Added() int {
	n := 0
	for _, k := range r.counts() {
		n += k.c.Added
	}
	return n
}

// Existing returns the number of items that were already stored.
func (r Report) Existing() int {
	n := 0
	for _, k := range r.counts() {
		n += k.c.Existing
	}
	return n
}

// String summarises the report in one line, e.g. for the `het demo` command.
func (r Report) String() string {
	parts := make([]string, 0, 7)
	for _, k := range r.counts() {
		parts = append(parts, fmt.Sprintf("%s %d added, %d existing", k.name, k.c.Added, k.c.Existing))
	}
	return strings.Join(parts, "; ")
}

// Set is the whole of the demo content, ready to save.
type Set struct {
	Objectives  []*het.Objective
	Priorities  []*het.Priority
	News        []*het.NewsItem
	Events      []*het.Event
	Programmes  []*het.Programme
	Pages       []*het.Page
	CaseStudies []*het.CaseStudy
}

// Build returns a fresh copy of the demo content. Upcoming events are dated
// from now (see Load). It fails only if an embedded body or file is missing.
func Build(now time.Time) (*Set, error) {
	r := &reader{}
	s := &Set{
		Objectives:  objectives(r),
		Priorities:  priorities(r),
		News:        news(r),
		Events:      events(r, now),
		Programmes:  programmes(r),
		Pages:       pages(r),
		CaseStudies: caseStudies(r),
	}
	if r.err != nil {
		return nil, r.err
	}
	return s, nil
}

// Validate checks every item and returns an error naming the first item that
// is not valid.
func (s *Set) Validate() error {
	check := func(kind, slug string, err error) error {
		if err != nil {
			return fmt.Errorf("demo: %s %q is not valid: %w", kind, slug, err)
		}
		return nil
	}
	var errs []error
	for _, o := range s.Objectives {
		errs = append(errs, check("objective", o.Slug, o.Validate()))
	}
	for _, p := range s.Priorities {
		errs = append(errs, check("priority", p.Slug, p.Validate()))
	}
	for _, n := range s.News {
		errs = append(errs, check("news item", n.Slug, n.Validate()))
	}
	for _, e := range s.Events {
		errs = append(errs, check("event", e.Slug, e.Validate()))
	}
	for _, p := range s.Programmes {
		errs = append(errs, check("programme", p.Slug, p.Validate()))
	}
	for _, p := range s.Pages {
		errs = append(errs, check("page", p.Slug, p.Validate()))
	}
	for _, c := range s.CaseStudies {
		errs = append(errs, check("case study", c.Slug, c.Validate()))
	}
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// Load puts Luton's demo content into st. It validates everything before
// saving anything, then saves each item only if no item (of any status) has
// its slug yet. Running it twice changes nothing: the second report shows 0
// added. now dates the upcoming events; pass the current time.
func Load(ctx context.Context, st het.ContentStore, now time.Time) (Report, error) {
	s, err := Build(now)
	if err != nil {
		return Report{}, err
	}
	return load(ctx, st, s)
}

// load validates every item in s, then saves the missing ones.
func load(ctx context.Context, st het.ContentStore, s *Set) (Report, error) {
	if err := s.Validate(); err != nil {
		return Report{}, err
	}
	var r Report
	var err error
	if r.Objectives, err = put(ctx, "objective", s.Objectives, objSlug, st.FindObjective, st.SaveObjective); err != nil {
		return r, err
	}
	if r.Priorities, err = put(ctx, "priority", s.Priorities, priSlug, st.FindPriority, st.SavePriority); err != nil {
		return r, err
	}
	if r.News, err = put(ctx, "news item", s.News, newsSlug, st.FindNews, st.SaveNews); err != nil {
		return r, err
	}
	if r.Events, err = put(ctx, "event", s.Events, eventSlug, st.FindEvent, st.SaveEvent); err != nil {
		return r, err
	}
	if r.Programmes, err = put(ctx, "programme", s.Programmes, progSlug, st.FindProgramme, st.SaveProgramme); err != nil {
		return r, err
	}
	if r.Pages, err = put(ctx, "page", s.Pages, pageSlug, st.FindPage, st.SavePage); err != nil {
		return r, err
	}
	if r.CaseStudies, err = put(ctx, "case study", s.CaseStudies, caseSlug, st.FindCaseStudy, st.SaveCaseStudy); err != nil {
		return r, err
	}
	return r, nil
}

func objSlug(o *het.Objective) string  { return o.Slug }
func priSlug(p *het.Priority) string   { return p.Slug }
func newsSlug(n *het.NewsItem) string  { return n.Slug }
func eventSlug(e *het.Event) string    { return e.Slug }
func progSlug(p *het.Programme) string { return p.Slug }
func pageSlug(p *het.Page) string      { return p.Slug }
func caseSlug(c *het.CaseStudy) string { return c.Slug }

// put saves the items whose slug is not yet stored and counts what it did.
func put[T any](ctx context.Context, kind string, items []T, slug func(T) string,
	find func(context.Context, string, het.Visibility) (T, error),
	save func(context.Context, T) error) (Count, error) {
	var c Count
	for _, it := range items {
		s := slug(it)
		_, err := find(ctx, s, het.Visibility{})
		switch {
		case err == nil:
			c.Existing++
		case het.IsNotFound(err):
			if err := save(ctx, it); err != nil {
				return c, fmt.Errorf("demo: save %s %q: %w", kind, s, err)
			}
			c.Added++
		default:
			return c, fmt.Errorf("demo: find %s %q: %w", kind, s, err)
		}
	}
	return c, nil
}

// SampleAlert returns a valid alert that is not active, for tests and for
// editors who want an example. The demo loads no alerts.
func SampleAlert() *het.Alert {
	return &het.Alert{
		Title:    "HealthFest moved indoors",
		Message:  "Because of the weather forecast, this year's HealthFest will take place indoors. Check the event page before you travel.",
		LinkURL:  "https://www.luton.gov.uk",
		LinkText: "Luton Borough Council website",
		Active:   false,
	}
}

// reader reads embedded bodies and files, keeping the first error so the
// content tables stay free of error handling.
type reader struct{ err error }

// md returns the Markdown body in content/<kind>/<slug>.md.
// The placeholder {{email}} becomes the site's public contact address.
func (r *reader) md(kind, slug string) string {
	b := strings.TrimSpace(string(r.file("content/" + kind + "/" + slug + ".md")))
	return strings.ReplaceAll(b, "{{email}}", het.LutonSite().Email)
}

func (r *reader) file(name string) []byte {
	b, err := embedded.ReadFile(name)
	if err != nil && r.err == nil {
		r.err = fmt.Errorf("demo: missing embedded file %s: %w", name, err)
	}
	return b
}

// london is the programme's time zone; dates people see are in it.
var london = het.LutonSite().Location

// at returns the instant of a wall-clock time in London, in UTC.
func at(y int, m time.Month, d, hour, minute int) time.Time {
	return time.Date(y, m, d, hour, minute, 0, 0, london).UTC()
}

// day parses a "2006-01-02" date as 09:00 London time, in UTC.
func day(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02", s, london)
	if err != nil {
		panic("demo: bad date " + s) // the dates are constants in this package
	}
	return at(t.Year(), t.Month(), t.Day(), 9, 0)
}

// launch is when the programme's standing content was first published.
var launch = day("2022-11-01")

// content returns a published item's common fields.
func content(slug, title, summary, body string, published time.Time) het.Content {
	return het.Content{
		Slug:        slug,
		Title:       title,
		Summary:     summary,
		Body:        body,
		Status:      het.StatusPublished,
		PublishedAt: published,
	}
}
