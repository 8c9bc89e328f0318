package het

import (
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"
)

// Status is the editorial state of a content item. Only published items whose
// publish time has passed are public.
type Status string

// The editorial states.
const (
	StatusDraft     Status = "draft"
	StatusPublished Status = "published"
	StatusArchived  Status = "archived"
)

// Valid reports whether s is a known status.
func (s Status) Valid() bool {
	switch s {
	case StatusDraft, StatusPublished, StatusArchived:
		return true
	}
	return false
}

var slugPattern = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)

// ValidSlug reports whether s is a lower-case, hyphen-separated URL slug of at
// most 100 characters.
func ValidSlug(s string) bool { return len(s) <= 100 && slugPattern.MatchString(s) }

// Content holds what every content item has: a slug, a title, a summary, a
// Markdown body, an editorial status and a publish time.
type Content struct {
	ID          int64
	Slug        string
	Title       string
	Summary     string
	Body        string // Markdown; rendered and sanitised by the presentation layer
	Status      Status
	PublishedAt time.Time
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

// IsPublic reports whether the item is published and its publish time is not
// after now.
func (c *Content) IsPublic(now time.Time) bool {
	return c.Status == StatusPublished && !c.PublishedAt.After(now)
}

func (c *Content) validate(v *ValidationErrors) {
	if !ValidSlug(c.Slug) {
		v.Add("slug", "Enter a slug of lower-case letters, numbers and hyphens, at most 100 characters")
	}
	requireText(v, "title", "Enter a title", c.Title, 200)
	checkText(v, "summary", c.Summary, 1000)
	checkText(v, "body", c.Body, 200000)
	if !c.Status.Valid() {
		v.Add("status", "Choose draft, published or archived")
	}
	if c.Status == StatusPublished && c.PublishedAt.IsZero() {
		v.Add("published_at", "Enter the publish time of a published item")
	}
}

func requireText(v *ValidationErrors, field, msg, s string, max int) {
	if strings.TrimSpace(s) == "" {
		v.Add(field, "%s", msg)
		return
	}
	checkText(v, field, s, max)
}

func checkText(v *ValidationErrors, field, s string, max int) {
	if !utf8.ValidString(s) {
		v.Add(field, "Text must be valid UTF-8")
	} else if utf8.RuneCountInString(s) > max {
		v.Add(field, "Text must be %d characters or fewer", max)
	}
}

func checkURL(v *ValidationErrors, field, s string) {
	if s == "" {
		return
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http" && u.Scheme != "mailto") || (u.Scheme != "mailto" && u.Host == "") {
		v.Add(field, "Enter a full web address starting with https://")
	}
}

func checkSlugs(v *ValidationErrors, field string, slugs []string) {
	for _, s := range slugs {
		if !ValidSlug(s) {
			v.Add(field, "%q is not a valid slug", s)
			return
		}
	}
}

// Links ties an item to Marmot objectives and local priorities by slug.
type Links struct {
	ObjectiveSlugs []string
	PrioritySlugs  []string
}

func (l *Links) validateLinks(v *ValidationErrors) {
	checkSlugs(v, "objectives", l.ObjectiveSlugs)
	checkSlugs(v, "priorities", l.PrioritySlugs)
}

// Objective is one of the eight Marmot policy objectives.
type Objective struct {
	Content
	Number        int      // 1–8, the order in the Marmot framework
	ShortTitle    string   // e.g. "Best start in life"
	PrioritySlugs []string // filled on read from the priorities that link to it
}

// Validate reports every problem with the objective.
func (o *Objective) Validate() error {
	var v ValidationErrors
	o.validate(&v)
	if o.Number < 1 || o.Number > 99 {
		v.Add("number", "Enter the objective's number, from 1")
	}
	checkText(&v, "short_title", o.ShortTitle, 80)
	return v.Err()
}

// Priority is a local priority (Luton 2040). It links to the objectives it
// serves; the link is many-to-many and stored from this side.
type Priority struct {
	Content
	Number         int
	ShortTitle     string
	ObjectiveSlugs []string
}

// Validate reports every problem with the priority.
func (p *Priority) Validate() error {
	var v ValidationErrors
	p.validate(&v)
	if p.Number < 1 || p.Number > 99 {
		v.Add("number", "Enter the priority's number, from 1")
	}
	checkText(&v, "short_title", p.ShortTitle, 80)
	checkSlugs(&v, "objectives", p.ObjectiveSlugs)
	return v.Err()
}

// NewsItem is a news article.
type NewsItem struct {
	Content
	Links
	Featured bool
}

// Validate reports every problem with the article.
func (n *NewsItem) Validate() error {
	var v ValidationErrors
	n.validate(&v)
	n.validateLinks(&v)
	return v.Err()
}

// Event is something people can attend. Times are stored in UTC and shown in
// the town's time zone.
type Event struct {
	Content
	Links
	StartsAt      time.Time
	EndsAt        time.Time
	Venue         string // e.g. "Wardown Park"
	Address       string // one line, comma-separated
	Online        bool
	Accessibility string // step-free access, hearing loop, BSL...
	BookingURL    string
	Registration  string // how to register when there is no booking link
	Cost          string // "Free" when empty
}

// Validate reports every problem with the event.
func (e *Event) Validate() error {
	var v ValidationErrors
	e.validate(&v)
	e.validateLinks(&v)
	if e.StartsAt.IsZero() {
		v.Add("starts_at", "Enter the start date and time")
	}
	if !e.EndsAt.IsZero() && e.EndsAt.Before(e.StartsAt) {
		v.Add("ends_at", "The end must be after the start")
	}
	requireText(&v, "venue", "Enter the venue, or \"Online\"", e.Venue, 200)
	checkText(&v, "address", e.Address, 300)
	checkText(&v, "accessibility", e.Accessibility, 2000)
	checkText(&v, "registration", e.Registration, 1000)
	checkText(&v, "cost", e.Cost, 100)
	checkURL(&v, "booking_url", e.BookingURL)
	return v.Err()
}

// Upcoming reports whether the event has not yet ended at now.
func (e *Event) Upcoming(now time.Time) bool {
	end := e.EndsAt
	if end.IsZero() {
		end = e.StartsAt
	}
	return !end.Before(now)
}

// Programme is a service or resource residents can use (a wellbeing app,
// GoodGym, walking maps...), possibly with downloadable files.
type Programme struct {
	Content
	Links
	Provider   string
	WebsiteURL string
	Audiences  []string // facet values, e.g. "Adults", "Children and families"
	Cost       string   // facet value: "Free", "Low cost", "Paid"
	Featured   bool
	Files      []File
}

// Validate reports every problem with the programme and its files.
func (p *Programme) Validate() error {
	var v ValidationErrors
	p.validate(&v)
	p.validateLinks(&v)
	checkText(&v, "provider", p.Provider, 200)
	checkURL(&v, "website_url", p.WebsiteURL)
	for _, a := range p.Audiences {
		requireText(&v, "audiences", "Audiences cannot be blank", a, 80)
	}
	checkText(&v, "cost", p.Cost, 40)
	seen := map[string]bool{}
	for i := range p.Files {
		f := &p.Files[i]
		if err := f.Validate(); err != nil {
			v.Add("files", "%s", ErrorMessage(err))
		}
		if seen[f.Name] {
			v.Add("files", "Two files are named %q", f.Name)
		}
		seen[f.Name] = true
	}
	return v.Err()
}

// MaxFileSize is the largest downloadable file a programme may carry.
const MaxFileSize = 20 << 20

var fileNamePattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$`)

// File is a downloadable file attached to a programme. Data is loaded only
// when the file itself is requested.
type File struct {
	ID          int64
	Name        string // the URL path segment and download name, e.g. "heritage-walk.pdf"
	Title       string // e.g. "Town centre heritage walk (PDF)"
	ContentType string
	Size        int64
	Data        []byte
}

// Validate reports problems with the file's name, type and size.
func (f *File) Validate() error {
	var v ValidationErrors
	if !fileNamePattern.MatchString(f.Name) || strings.Contains(f.Name, "..") {
		v.Add("name", "File names use letters, numbers, dots, hyphens and underscores only")
	}
	requireText(&v, "title", "Enter the file's title", f.Title, 200)
	if f.ContentType == "" {
		v.Add("content_type", "Enter the file's content type")
	}
	if f.Size < 0 || f.Size > MaxFileSize || int64(len(f.Data)) > MaxFileSize {
		v.Add("size", "Files must be smaller than 20 MB")
	}
	return v.Err()
}

// Page is a standalone page: about, accessibility statement, privacy notice,
// contact, driving change.
type Page struct {
	Content
}

// Validate reports every problem with the page.
func (p *Page) Validate() error {
	var v ValidationErrors
	p.validate(&v)
	return v.Err()
}

// CaseStudy tells how a partner put the programme into practice.
type CaseStudy struct {
	Content
	Links
	Organisation string
}

// Validate reports every problem with the case study.
func (c *CaseStudy) Validate() error {
	var v ValidationErrors
	c.validate(&v)
	c.validateLinks(&v)
	checkText(&v, "organisation", c.Organisation, 200)
	return v.Err()
}

// Alert is the site-wide banner for urgent notices. It shows while Active and
// now is within [StartsAt, EndsAt) (zero bounds are open).
type Alert struct {
	ID       int64
	Title    string
	Message  string // plain text
	LinkURL  string
	LinkText string
	Active   bool
	StartsAt time.Time
	EndsAt   time.Time
}

// Validate reports every problem with the alert.
func (a *Alert) Validate() error {
	var v ValidationErrors
	requireText(&v, "title", "Enter a title", a.Title, 120)
	requireText(&v, "message", "Enter the message", a.Message, 1000)
	checkURL(&v, "link_url", a.LinkURL)
	if a.LinkURL != "" {
		requireText(&v, "link_text", "Enter the link text", a.LinkText, 120)
	}
	if !a.StartsAt.IsZero() && !a.EndsAt.IsZero() && !a.EndsAt.After(a.StartsAt) {
		v.Add("ends_at", "The end must be after the start")
	}
	return v.Err()
}

// ShowsAt reports whether the alert is displayed at now.
func (a *Alert) ShowsAt(now time.Time) bool {
	return a.Active && (a.StartsAt.IsZero() || !now.Before(a.StartsAt)) && (a.EndsAt.IsZero() || now.Before(a.EndsAt))
}
