package store

import (
	"context"

	"het"
)

var (
	eventObjectives = objectiveLink("event_objectives", "event_id")
	eventPriorities = priorityLink("event_priorities", "event_id")
)

const eventCols = ", e.starts_at, e.ends_at, e.venue, e.address, e.online, e.accessibility, e.booking_url, e.registration, e.cost"

// ListEvents returns a page of the events matching f and the number of
// matches. An event is upcoming until it ends (or starts, without an end)
// relative to f.Now. Upcoming events come soonest first; past events and
// EventsAll latest first.
func (db *DB) ListEvents(ctx context.Context, f het.EventFilter) ([]*het.Event, int, error) {
	var out []*het.Event
	var total int
	err := db.view(ctx, func(tx *tx) error {
		var w where
		w.visible("e", f.Visibility)
		w.linked("e", eventObjectives, f.Objective)
		w.linked("e", eventPriorities, f.Priority)
		order := "e.starts_at DESC, e.id DESC"
		switch f.When {
		case het.EventsUpcoming:
			w.add("COALESCE(e.ends_at, e.starts_at) >= ?", millis(visibleAt(f.Visibility)))
			order = "e.starts_at, e.id"
		case het.EventsPast:
			w.add("COALESCE(e.ends_at, e.starts_at) < ?", millis(visibleAt(f.Visibility)))
		}
		var err error
		if out, err = listEvents(ctx, tx, &w, f.Visibility, order, f.Limit, f.Offset); err != nil {
			return err
		}
		total, err = pageTotal(ctx, tx, "events e", &w, len(out), f.Limit, f.Offset)
		return err
	})
	return out, total, err
}

// FindEvent returns the event with slug, or ENOTFOUND.
func (db *DB) FindEvent(ctx context.Context, slug string, v het.Visibility) (*het.Event, error) {
	var e *het.Event
	err := db.view(ctx, func(tx *tx) (err error) {
		e, err = findEvent(ctx, tx, slug, v)
		return err
	})
	return e, err
}

// SaveEvent validates e, inserts or updates it by slug and replaces its
// links. Its times are stored to the millisecond, in UTC.
func (db *DB) SaveEvent(ctx context.Context, e *het.Event) error {
	if err := e.Validate(); err != nil {
		return err
	}
	e.StartsAt, e.EndsAt = stored(e.StartsAt), stored(e.EndsAt)
	return db.save(ctx, &e.Content, func(tx *tx) error {
		old, err := findEvent(ctx, tx, e.Slug, het.Visibility{})
		if err != nil && !het.IsNotFound(err) {
			return err
		}
		if old != nil && sameEvent(old, e) {
			keep(&e.Content, &old.Content)
			return nil
		}
		err = upsert(ctx, tx, "events", &e.Content,
			[]string{"starts_at", "ends_at", "venue", "address", "online", "accessibility", "booking_url", "registration", "cost"},
			millis(e.StartsAt), millis(e.EndsAt), e.Venue, e.Address, e.Online, e.Accessibility, e.BookingURL, e.Registration, e.Cost)
		if err != nil {
			return err
		}
		return saveAllLinks(ctx, tx, eventObjectives, eventPriorities, e.ID, &e.Links)
	})
}

func sameEvent(a, b *het.Event) bool {
	return sameContent(&a.Content, &b.Content) && sameLinks(&a.Links, &b.Links) &&
		a.StartsAt.Equal(b.StartsAt) && a.EndsAt.Equal(b.EndsAt) && a.Venue == b.Venue && a.Address == b.Address &&
		a.Online == b.Online && a.Accessibility == b.Accessibility && a.BookingURL == b.BookingURL &&
		a.Registration == b.Registration && a.Cost == b.Cost
}

func findEvent(ctx context.Context, tx *tx, slug string, v het.Visibility) (*het.Event, error) {
	if !findable(slug) {
		return nil, notFound("event", slug)
	}
	var w where
	w.add("e.slug = ?", slug)
	w.visible("e", v)
	es, err := listEvents(ctx, tx, &w, v, "e.starts_at DESC, e.id DESC", 0, 0)
	if err != nil {
		return nil, err
	}
	if len(es) == 0 {
		return nil, notFound("event", slug)
	}
	return es[0], nil
}

func listEvents(ctx context.Context, tx *tx, w *where, v het.Visibility, order string, limit, offset int) ([]*het.Event, error) {
	q, args := listQuery("events", "e", cols("e")+eventCols, order, w, limit, offset, v, eventObjectives, eventPriorities)
	rows, err := tx.query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*het.Event
	for rows.Next() {
		e := &het.Event{}
		dest := append(contentDest(&e.Content), timeCol{&e.StartsAt}, timeCol{&e.EndsAt}, &e.Venue, &e.Address,
			&e.Online, &e.Accessibility, &e.BookingURL, &e.Registration, &e.Cost, slugList{&e.ObjectiveSlugs}, slugList{&e.PrioritySlugs})
		if err := rows.Scan(dest...); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}
