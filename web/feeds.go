package web

import (
	"bytes"
	"encoding/xml"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"het"
)

// atomEntries is how many news items the Atom feed carries.
const atomEntries = 20

type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Title   string      `xml:"title"`
	ID      string      `xml:"id"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Author  atomPerson  `xml:"author"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
}

type atomPerson struct {
	Name  string `xml:"name"`
	Email string `xml:"email,omitempty"`
	URI   string `xml:"uri,omitempty"`
}

type atomText struct {
	Type string `xml:"type,attr,omitempty"`
	Body string `xml:",chardata"`
}

type atomEntry struct {
	Title      string         `xml:"title"`
	ID         string         `xml:"id"`
	Updated    string         `xml:"updated"`
	Published  string         `xml:"published"`
	Links      []atomLink     `xml:"link"`
	Summary    *atomText      `xml:"summary,omitempty"`
	Content    atomText       `xml:"content"`
	Categories []atomCategory `xml:"category"`
}

type atomCategory struct {
	Term  string `xml:"term,attr"`
	Label string `xml:"label,attr,omitempty"`
}

// atomTime formats t as an Atom date (RFC 3339, UTC).
func atomTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// atomFeed serves GET /feed.atom: the latest news as Atom 1.0, each entry
// carrying its rendered, sanitised body.
func (s *Server) atomFeed(w http.ResponseWriter, r *http.Request) error {
	news, _, err := s.store.ListNews(r.Context(), het.NewsFilter{Visibility: s.visibility(), Limit: atomEntries})
	if err != nil {
		return err
	}
	base := s.site.BaseURL
	feed := atomFeed{
		Title: s.site.Name + ": news",
		ID:    base + "/feed.atom",
		Links: []atomLink{
			{Href: base + "/feed.atom", Rel: "self", Type: "application/atom+xml"},
			{Href: base + "/news", Rel: "alternate", Type: "text/html"},
		},
		Author: atomPerson{Name: s.site.Council, Email: s.site.Email, URI: base},
	}
	var updated time.Time
	for _, n := range news {
		u := lastChange(&n.Content)
		if u.After(updated) {
			updated = u
		}
		link := base + "/news/" + n.Slug
		e := atomEntry{
			Title:     n.Title,
			ID:        link,
			Updated:   atomTime(u),
			Published: atomTime(n.PublishedAt),
			Links:     []atomLink{{Href: link, Rel: "alternate", Type: "text/html"}},
			Content:   atomText{Type: "html", Body: string(s.md.Render(n.Body))},
		}
		if n.Summary != "" {
			e.Summary = &atomText{Type: "text", Body: n.Summary}
		}
		for _, o := range n.ObjectiveSlugs {
			e.Categories = append(e.Categories, atomCategory{Term: "objective:" + o})
		}
		for _, p := range n.PrioritySlugs {
			e.Categories = append(e.Categories, atomCategory{Term: "priority:" + p})
		}
		feed.Entries = append(feed.Entries, e)
	}
	if updated.IsZero() {
		updated = s.now()
	}
	feed.Updated = atomTime(updated)
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	if err := xml.NewEncoder(&buf).Encode(feed); err != nil {
		return err
	}
	return writeBody(w, r, "application/atom+xml; charset=utf-8", buf.Bytes())
}

// lastChange is when an item last changed as readers see it: its update
// time, but never before it was published.
func lastChange(c *het.Content) time.Time {
	if c.UpdatedAt.After(c.PublishedAt) {
		return c.UpdatedAt
	}
	return c.PublishedAt
}

// writeBody writes a complete non-HTML response.
func writeBody(w http.ResponseWriter, r *http.Request, contentType string, body []byte) error {
	h := w.Header()
	h.Set("Content-Type", contentType)
	h.Set("Content-Length", strconv.Itoa(len(body)))
	if h.Get("Cache-Control") == "" {
		h.Set("Cache-Control", "public, max-age=300")
	}
	if r.Method != http.MethodHead {
		_, _ = w.Write(body)
	}
	return nil
}

// writeCalendar writes events as an iCalendar (RFC 5545) file. A non-empty
// filename makes it a download.
func (s *Server) writeCalendar(w http.ResponseWriter, r *http.Request, events []*het.Event, filename string) error {
	if filename != "" {
		w.Header().Set("Content-Disposition", `attachment; filename="`+filename+`"`)
	}
	return writeBody(w, r, "text/calendar; charset=utf-8", s.calendar(events))
}

// calendar encodes events as an iCalendar stream: CRLF line endings, lines
// folded at 75 octets, text values escaped, times in UTC.
func (s *Server) calendar(events []*het.Event) []byte {
	var c icalWriter
	host := "het"
	if u, err := url.Parse(s.site.BaseURL); err == nil && u.Hostname() != "" {
		host = u.Hostname()
	}
	c.prop("BEGIN", "VCALENDAR")
	c.prop("VERSION", "2.0")
	c.prop("PRODID", "-//het//"+icalText(s.site.Name)+"//EN")
	c.prop("CALSCALE", "GREGORIAN")
	c.prop("METHOD", "PUBLISH")
	c.prop("X-WR-CALNAME", icalText(s.site.Name+" events"))
	// With METHOD:PUBLISH, DTSTAMP is when this calendar was made.
	stamp := icalTime(s.now())
	for _, e := range events {
		link := s.site.BaseURL + "/events/" + e.Slug
		c.prop("BEGIN", "VEVENT")
		c.prop("UID", "event-"+e.Slug+"@"+host)
		c.prop("DTSTAMP", stamp)
		c.prop("DTSTART", icalTime(e.StartsAt))
		if !e.EndsAt.IsZero() && e.EndsAt.After(e.StartsAt) {
			c.prop("DTEND", icalTime(e.EndsAt))
		}
		c.prop("SUMMARY", icalText(e.Title))
		loc := e.Venue
		if e.Address != "" {
			loc += ", " + e.Address
		}
		c.prop("LOCATION", icalText(loc))
		c.prop("DESCRIPTION", icalText(s.eventDescription(e, link)))
		c.prop("URL", link)
		c.prop("END", "VEVENT")
	}
	c.prop("END", "VCALENDAR")
	return c.buf.Bytes()
}

// eventDescription is the plain-text description of an event in calendars.
func (s *Server) eventDescription(e *het.Event, link string) string {
	var b strings.Builder
	if e.Summary != "" {
		b.WriteString(e.Summary + "\n\n")
	}
	cost := e.Cost
	if cost == "" {
		cost = "Free"
	}
	b.WriteString("Cost: " + cost + "\n")
	if e.Accessibility != "" {
		b.WriteString("Accessibility: " + e.Accessibility + "\n")
	}
	if e.BookingURL != "" {
		b.WriteString("Book: " + e.BookingURL + "\n")
	} else if e.Registration != "" {
		b.WriteString("How to register: " + e.Registration + "\n")
	}
	b.WriteString("More information: " + link)
	return b.String()
}

// icalTime formats t as an RFC 5545 UTC date-time.
func icalTime(t time.Time) string { return t.UTC().Format("20060102T150405Z") }

// icalText escapes a TEXT value: backslash, semicolon, comma and newlines.
func icalText(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\\', ';', ',':
			b.WriteByte('\\')
			b.WriteByte(c)
		case '\r':
			if i+1 < len(s) && s[i+1] == '\n' {
				i++
			}
			b.WriteString(`\n`)
		case '\n':
			b.WriteString(`\n`)
		default:
			if c < 0x20 && c != '\t' || c == 0x7f {
				continue // control characters are not allowed in TEXT
			}
			b.WriteByte(c)
		}
	}
	return b.String()
}

// icalWriter writes content lines, folding each at 75 octets without
// splitting a UTF-8 sequence.
type icalWriter struct {
	buf bytes.Buffer
}

func (c *icalWriter) prop(name, value string) {
	line := name + ":" + value
	limit := 75
	for len(line) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(line[cut]) {
			cut--
		}
		c.buf.WriteString(line[:cut])
		c.buf.WriteString("\r\n ")
		line = line[cut:]
		limit = 74 // the leading space counts
	}
	c.buf.WriteString(line)
	c.buf.WriteString("\r\n")
}
