package demo

import (
	"fmt"
	"time"

	"het"
)

// Accessibility notes shared by the events. They are written as what the
// organisers arrange and ask for, so they make no claim about a particular
// building that the demo cannot check.
const (
	accessIndoor = "We choose venues with step-free access and accessible toilets. " +
		"There is a quiet space you can use at any time. " +
		"British Sign Language (BSL) interpreters and hearing loops can be arranged if you ask when you book. " +
		"Tell us about any other needs when you book and we will do our best to meet them."
	accessPark = "The event is outdoors, on grass and paths. We set out stalls on level ground where we can. " +
		"We provide accessible toilets and a quiet tent. " +
		"Assistance dogs are welcome. " +
		"BSL interpreters can be arranged if you ask at least two weeks before."
	accessOnline = "The online ceremony has live captions. " +
		"Ask for a BSL interpreter when you register. " +
		"You can join by phone or computer; you do not need a camera."
)

func events(r *reader, now time.Time) []*het.Event {
	site := het.LutonSite()
	today := now.In(london)
	y, m := today.Year(), today.Month()
	published := time.Date(y, m, today.Day(), 0, 0, 0, 0, london).UTC()

	confDay := firstWeekday(y, m+2, time.Thursday)
	prizeDay := firstWeekday(y, m+3, time.Wednesday)
	prizeDeadline := prizeDay.AddDate(0, 0, -28)
	festDay := firstWeekday(y, m+2, time.Saturday)
	for festDay.Month() < time.May || festDay.Month() > time.September {
		// HealthFest is an outdoor event: hold it in the warmer months.
		festDay = firstWeekday(festDay.Year(), festDay.Month()+1, time.Saturday)
	}
	wall := func(d time.Time, hour, minute int) time.Time {
		return at(d.Year(), d.Month(), d.Day(), hour, minute)
	}

	return []*het.Event{
		{
			Content: content("health-equity-town-conference-2023", "Health Equity Town conference 2023: one year on",
				"Our first annual conference marked one year since Luton became a Marmot Town, with more than 80 delegates and 18 case studies.",
				r.md("events", "health-equity-town-conference-2023"), day("2023-09-12")),
			Links:         links([]string{ObjBestStart, ObjFairWork, ObjPlaces}, []string{PriWellbeing}),
			StartsAt:      at(2023, time.November, 16, 9, 30),
			EndsAt:        at(2023, time.November, 16, 16, 0),
			Venue:         "Luton town centre",
			Address:       "Luton",
			Accessibility: accessIndoor,
			Registration:  "This event has finished.",
			Cost:          "Free",
		},
		{
			Content: content("health-equity-town-conference", fmt.Sprintf("Health Equity Town conference %d", confDay.Year()),
				"Join partners and residents at our annual conference to hear what has changed, what has not, and what we will do next.",
				r.md("events", "health-equity-town-conference"), published),
			Links:         links([]string{ObjCapabilities, ObjPrevention, ObjDiscrimination}, []string{PriWellbeing, PriCommunity}),
			StartsAt:      wall(confDay, 9, 30),
			EndsAt:        wall(confDay, 16, 0),
			Venue:         "Luton town centre (we send the venue details when you book)",
			Address:       "Luton",
			Accessibility: accessIndoor,
			BookingURL:    "mailto:" + site.Email + "?subject=Health%20Equity%20Town%20conference",
			Registration:  "Book a free place by emailing " + site.Email + ". Places are limited.",
			Cost:          "Free",
		},
		{
			Content: content("healthfest-denbeigh-school", "HealthFest at Denbeigh School",
				"A free community health day at Denbeigh School, with health checks, activities and advice for all the family.",
				r.md("events", "healthfest-denbeigh-school"), day("2024-05-14")),
			Links:         links([]string{ObjPrevention, ObjBestStart}, []string{PriWellbeing, PriChild}),
			StartsAt:      at(2024, time.July, 13, 11, 0),
			EndsAt:        at(2024, time.July, 13, 15, 0),
			Venue:         "Denbeigh School",
			Address:       "Luton",
			Accessibility: accessIndoor,
			Registration:  "This event has finished.",
			Cost:          "Free",
		},
		{
			Content: content("healthfest-wardown-park", fmt.Sprintf("HealthFest %d in Wardown Park", festDay.Year()),
				"A free day out in Wardown Park with health checks, activities and advice from local services.",
				r.md("events", "healthfest-wardown-park"), published),
			Links:         links([]string{ObjPrevention, ObjPlaces, ObjBestStart}, []string{PriWellbeing, PriChild, PriCommunity}),
			StartsAt:      wall(festDay, 11, 0),
			EndsAt:        wall(festDay, 16, 0),
			Venue:         "Wardown Park",
			Address:       "Old Bedford Road, Luton",
			Accessibility: accessPark,
			Registration:  "No need to book. Just come along.",
			Cost:          "Free",
		},
		{
			Content: content("health-equity-town-prize", fmt.Sprintf("Health Equity Town Prize %d: awards ceremony", prizeDay.Year()),
				"Small grants for local groups with ideas that reduce health inequalities in Luton. Apply now and join the online awards ceremony.",
				r.md("events", "health-equity-town-prize"), published),
			Links:         links([]string{ObjCapabilities, ObjDiscrimination, ObjPlaces}, []string{PriCommunity, PriWellbeing}),
			StartsAt:      wall(prizeDay, 18, 0),
			EndsAt:        wall(prizeDay, 19, 30),
			Venue:         "Online",
			Online:        true,
			Accessibility: accessOnline,
			Registration: fmt.Sprintf("Apply by emailing %s by 5pm on %s. We will send the joining link to everyone who applies or asks to watch.",
				site.Email, prizeDeadline.Format("Monday 2 January 2006")),
			Cost: "Free",
		},
	}
}

// firstWeekday returns midnight in London on the first given weekday of the
// month (months past December roll into the next year).
func firstWeekday(y int, m time.Month, wd time.Weekday) time.Time {
	d := time.Date(y, m, 1, 0, 0, 0, 0, london)
	return d.AddDate(0, 0, (int(wd)-int(d.Weekday())+7)%7)
}
