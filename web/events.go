package web

import (
	"encoding/json"
	"html/template"
	"net/http"
	"strings"
	"time"

	"het"
)

// eventsPage is the upcoming or past events list.
type eventsPage struct {
	Chrome
	Past       bool
	Filters    *Filters
	Events     []*het.Event
	Total      int
	Pagination *Pagination
}

// eventPage is one event, with its schema.org JSON-LD.
type eventPage struct {
	Chrome
	Event      *het.Event
	Objectives []*het.Objective
	Priorities []*het.Priority
	Upcoming   bool
	JSONLD     template.JS
}

// upcomingEvents serves GET /events: events not yet over, soonest first.
func (s *Server) upcomingEvents(w http.ResponseWriter, r *http.Request) error {
	return s.eventList(w, r, false)
}

// pastEvents serves GET /events/past: most recent first.
func (s *Server) pastEvents(w http.ResponseWriter, r *http.Request) error {
	return s.eventList(w, r, true)
}

func (s *Server) eventList(w http.ResponseWriter, r *http.Request, past bool) error {
	page, err := pageParam(r)
	if err != nil {
		return err
	}
	title, when, path := "Upcoming events", het.EventsUpcoming, "/events"
	if past {
		title, when, path = "Past events", het.EventsPast, "/events/past"
	}
	p := &eventsPage{Chrome: s.chrome(r, title, "events"), Past: past}
	if p.Filters, err = s.linkFilters(r, &p.Chrome); err != nil {
		return err
	}
	per := het.DefaultPageSize
	p.Events, p.Total, err = s.store.ListEvents(r.Context(), het.EventFilter{
		Visibility: s.visibility(), When: when, Objective: p.Filters.Objective, Priority: p.Filters.Priority,
		Limit: per, Offset: (page - 1) * per,
	})
	if err != nil {
		return err
	}
	if page > lastPage(p.Total, per) {
		return errNotFound
	}
	p.Pagination = paginate(path, r.URL.Query(), page, p.Total, per)
	return s.render(w, r, statusFor(&p.Chrome), "events", p)
}

// event serves GET /events/{slug} and, for a slug ending ".ics", the
// event's iCalendar file.
func (s *Server) event(w http.ResponseWriter, r *http.Request) error {
	slug, ics := strings.CutSuffix(r.PathValue("slug"), ".ics")
	if err := checkSlug(slug); err != nil {
		return err
	}
	e, err := s.store.FindEvent(r.Context(), slug, s.visibility())
	if err != nil {
		return err
	}
	if ics {
		return s.writeCalendar(w, r, []*het.Event{e}, slug+".ics")
	}
	p := &eventPage{Chrome: s.chrome(r, e.Title, "events"), Event: e, Upcoming: e.Upcoming(s.now())}
	if p.Objectives, err = s.objectivesBySlug(r, e.ObjectiveSlugs); err != nil {
		return err
	}
	if p.Priorities, err = s.prioritiesBySlug(r, e.PrioritySlugs); err != nil {
		return err
	}
	if p.JSONLD, err = s.eventJSONLD(e); err != nil {
		return err
	}
	return s.render(w, r, http.StatusOK, "event", p)
}

// eventJSONLD returns the schema.org Event description of e. json.Marshal
// escapes <, > and &, so the result cannot close the script element.
func (s *Server) eventJSONLD(e *het.Event) (template.JS, error) {
	type place struct {
		Type    string `json:"@type"`
		Name    string `json:"name,omitempty"`
		Address string `json:"address,omitempty"`
		URL     string `json:"url,omitempty"`
	}
	type offer struct {
		Type          string `json:"@type"`
		URL           string `json:"url,omitempty"`
		Price         string `json:"price,omitempty"`
		PriceCurrency string `json:"priceCurrency,omitempty"`
		Description   string `json:"description,omitempty"`
	}
	type organizer struct {
		Type string `json:"@type"`
		Name string `json:"name"`
		URL  string `json:"url,omitempty"`
	}
	ld := struct {
		Context     string    `json:"@context"`
		Type        string    `json:"@type"`
		Name        string    `json:"name"`
		Description string    `json:"description,omitempty"`
		URL         string    `json:"url"`
		StartDate   string    `json:"startDate"`
		EndDate     string    `json:"endDate,omitempty"`
		Status      string    `json:"eventStatus"`
		Mode        string    `json:"eventAttendanceMode"`
		Location    place     `json:"location"`
		Offers      *offer    `json:"offers,omitempty"`
		Organizer   organizer `json:"organizer"`
	}{
		Context: "https://schema.org", Type: "Event", Name: e.Title, Description: e.Summary,
		URL:       s.site.BaseURL + "/events/" + e.Slug,
		StartDate: e.StartsAt.In(s.site.Location).Format(time.RFC3339),
		Status:    "https://schema.org/EventScheduled",
		Mode:      "https://schema.org/OfflineEventAttendanceMode",
		Location:  place{Type: "Place", Name: e.Venue, Address: e.Address},
		Organizer: organizer{Type: "Organization", Name: s.site.Council, URL: s.site.BaseURL},
	}
	if !e.EndsAt.IsZero() {
		ld.EndDate = e.EndsAt.In(s.site.Location).Format(time.RFC3339)
	}
	if e.Online {
		ld.Mode = "https://schema.org/OnlineEventAttendanceMode"
		ld.Location = place{Type: "VirtualLocation", Name: e.Venue, URL: e.BookingURL}
	}
	cost := e.Cost
	if cost == "" || strings.EqualFold(cost, "free") {
		ld.Offers = &offer{Type: "Offer", URL: e.BookingURL, Price: "0", PriceCurrency: "GBP"}
	} else {
		ld.Offers = &offer{Type: "Offer", URL: e.BookingURL, Description: cost}
	}
	b, err := json.Marshal(ld)
	if err != nil {
		return "", err
	}
	return template.JS(b), nil //nolint:gosec // json.Marshal output with HTML escaping
}

// eventsCalendar serves GET /events.ics: every published event.
func (s *Server) eventsCalendar(w http.ResponseWriter, r *http.Request) error {
	events, _, err := s.store.ListEvents(r.Context(), het.EventFilter{Visibility: s.visibility(), When: het.EventsAll})
	if err != nil {
		return err
	}
	return s.writeCalendar(w, r, events, "")
}

// eventWhen shows when an event happens in the town's time zone, as GOV.UK
// writes times: "Saturday 14 March 2026, 10am to 4pm".
func (s *Server) eventWhen(e *het.Event) string {
	loc := s.site.Location
	start := e.StartsAt.In(loc)
	out := start.Format("Monday 2 January 2006") + ", " + clock(start)
	if e.EndsAt.IsZero() || !e.EndsAt.After(e.StartsAt) {
		return out
	}
	end := e.EndsAt.In(loc)
	if sameDay(start, end) {
		return out + " to " + clock(end)
	}
	return out + " to " + end.Format("Monday 2 January 2006") + ", " + clock(end)
}

// clock formats a time of day: "10am", "4:30pm", "midday", "midnight".
func clock(t time.Time) string {
	switch h, m := t.Hour(), t.Minute(); {
	case h == 12 && m == 0:
		return "midday"
	case h == 0 && m == 0:
		return "midnight"
	case m == 0:
		return strings.ToLower(t.Format("3PM"))
	default:
		return strings.ToLower(t.Format("3:04PM"))
	}
}

func sameDay(a, b time.Time) bool {
	y1, m1, d1 := a.Date()
	y2, m2, d2 := b.Date()
	return y1 == y2 && m1 == m2 && d1 == d2
}
