package het

import (
	"context"
	"time"
)

// Visibility says which items a read may return. The public site reads with
// Public set and Now the request time: only published items whose publish
// time has passed. Editors and the demo loader read with Public unset: every
// status.
type Visibility struct {
	Public bool
	Now    time.Time
}

// Page limits shared by list filters.
const (
	DefaultPageSize = 10
	MaxPageSize     = 100
)

// NewsFilter selects news items, newest first.
type NewsFilter struct {
	Visibility
	Objective string // slug; "" for any
	Priority  string // slug; "" for any
	Year      int    // publish year; 0 for any
	Featured  bool   // only featured items
	Limit     int    // 0 means no limit
	Offset    int
}

// EventFilter selects events. Upcoming events come soonest first; past events
// most recent first.
type EventFilter struct {
	Visibility
	When      EventWhen
	Objective string
	Priority  string
	Limit     int
	Offset    int
}

// EventWhen chooses upcoming, past or all events relative to Visibility.Now.
type EventWhen int

// The choices for EventFilter.When.
const (
	EventsAll EventWhen = iota
	EventsUpcoming
	EventsPast
)

// ProgrammeFilter selects programmes, alphabetically by title.
type ProgrammeFilter struct {
	Visibility
	Objective string
	Priority  string
	Audience  string
	Cost      string
	Featured  bool
	Limit     int
	Offset    int
}

// LinkFilter selects objectives, priorities, pages and case studies.
type LinkFilter struct {
	Visibility
	Objective string // case studies only
	Priority  string // case studies only
}

// SearchQuery is a site search over everything published.
type SearchQuery struct {
	Visibility
	Text   string // what the user typed; the store turns it into a safe full-text query
	Kind   Kind   // "" for every kind
	Limit  int
	Offset int
}

// Kind names a kind of content, as used in search results and URLs.
type Kind string

// The kinds of content.
const (
	KindObjective Kind = "objective"
	KindPriority  Kind = "priority"
	KindNews      Kind = "news"
	KindEvent     Kind = "event"
	KindProgramme Kind = "programme"
	KindPage      Kind = "page"
	KindCaseStudy Kind = "case-study"
)

// Kinds lists every kind in the order search facets show them.
var Kinds = []Kind{KindObjective, KindPriority, KindNews, KindEvent, KindProgramme, KindCaseStudy, KindPage}

// SearchResult is one hit. Snippet is plain text (no markup); the
// presentation layer escapes it and builds the URL from Kind and Slug.
type SearchResult struct {
	Kind        Kind
	Slug        string
	Title       string
	Summary     string
	Snippet     string
	PublishedAt time.Time
}

// ContentStore is the storage contract for the public hub's content. Every
// method runs in one transaction. Find methods return an ENOTFOUND *Error when
// no visible item has the slug, never (nil, nil). Save methods validate, then
// insert or update by slug (setting ID, CreatedAt and UpdatedAt); saving an
// item identical to the stored one changes nothing, not even UpdatedAt.
// List methods with a Limit return the total count of matches beside the page.
type ContentStore interface {
	ListObjectives(ctx context.Context, f LinkFilter) ([]*Objective, error)
	FindObjective(ctx context.Context, slug string, v Visibility) (*Objective, error)
	SaveObjective(ctx context.Context, o *Objective) error

	ListPriorities(ctx context.Context, f LinkFilter) ([]*Priority, error)
	FindPriority(ctx context.Context, slug string, v Visibility) (*Priority, error)
	SavePriority(ctx context.Context, p *Priority) error

	ListNews(ctx context.Context, f NewsFilter) ([]*NewsItem, int, error)
	NewsYears(ctx context.Context, v Visibility) ([]int, error) // distinct publish years, newest first
	FindNews(ctx context.Context, slug string, v Visibility) (*NewsItem, error)
	SaveNews(ctx context.Context, n *NewsItem) error

	ListEvents(ctx context.Context, f EventFilter) ([]*Event, int, error)
	FindEvent(ctx context.Context, slug string, v Visibility) (*Event, error)
	SaveEvent(ctx context.Context, e *Event) error

	// Programmes carry their files' metadata (Data nil); FindProgrammeFile
	// loads one file with its bytes.
	ListProgrammes(ctx context.Context, f ProgrammeFilter) ([]*Programme, int, error)
	FindProgramme(ctx context.Context, slug string, v Visibility) (*Programme, error)
	FindProgrammeFile(ctx context.Context, programmeSlug, fileName string, v Visibility) (*File, error)
	SaveProgramme(ctx context.Context, p *Programme) error

	ListPages(ctx context.Context, f LinkFilter) ([]*Page, error)
	FindPage(ctx context.Context, slug string, v Visibility) (*Page, error)
	SavePage(ctx context.Context, p *Page) error

	ListCaseStudies(ctx context.Context, f LinkFilter) ([]*CaseStudy, error)
	FindCaseStudy(ctx context.Context, slug string, v Visibility) (*CaseStudy, error)
	SaveCaseStudy(ctx context.Context, c *CaseStudy) error

	// ActiveAlert returns the alert showing at now (the most recently
	// started if several), or ENOTFOUND.
	ActiveAlert(ctx context.Context, now time.Time) (*Alert, error)
	ListAlerts(ctx context.Context) ([]*Alert, error)
	SaveAlert(ctx context.Context, a *Alert) error // insert when ID is 0, else update

	Search(ctx context.Context, q SearchQuery) ([]SearchResult, int, error)
}
