package demo

import (
	"bytes"
	"encoding/xml"
	"regexp"
	"strings"
	"testing"
	"time"

	"het"
)

func TestContent(t *testing.T) {
	s := mustBuild(t, testNow)
	check(t, s.Validate())
	seen := map[string]bool{}
	for _, k := range s.keys() {
		if seen[k] {
			t.Errorf("two items are %s", k)
		}
		seen[k] = true
	}

	wantObj := []string{"best-start-in-life", "capabilities-and-control", "fair-work", "healthy-standard-of-living",
		"healthy-places", "ill-health-prevention", "tackling-discrimination", "environmental-sustainability"}
	for i, o := range s.Objectives {
		if o.Slug != wantObj[i] || o.Number != i+1 || o.ShortTitle == "" || o.Summary == "" {
			t.Errorf("objective %d: %s number %d short %q", i, o.Slug, o.Number, o.ShortTitle)
		}
		if w := len(strings.Fields(o.Body)); w < 150 || w > 300 {
			t.Errorf("objective %s: body has %d words, want 150–300", o.Slug, w)
		}
	}
	wantPri := []string{"inclusive-economy", "population-wellbeing", "child-friendly-town", "net-zero", "empowered-community"}
	served := map[string]bool{}
	for i, p := range s.Priorities {
		if p.Slug != wantPri[i] || p.Number != i+1 || len(p.ObjectiveSlugs) == 0 {
			t.Errorf("priority %d: %s number %d objectives %v", i, p.Slug, p.Number, p.ObjectiveSlugs)
		}
		for _, o := range p.ObjectiveSlugs {
			served[o] = true
		}
	}
	for _, o := range wantObj {
		if !served[o] {
			t.Errorf("no priority serves objective %s", o)
		}
	}
	pages := map[string]bool{}
	for _, p := range s.Pages {
		pages[p.Slug] = true
	}
	for _, want := range []string{"about", "driving-change", "accessibility-statement", "privacy", "contact"} {
		if !pages[want] {
			t.Errorf("missing page %s", want)
		}
	}
	email := het.LutonSite().Email
	for _, p := range s.Pages {
		if strings.Contains(p.Body, "{{") {
			t.Errorf("page %s: unreplaced placeholder", p.Slug)
		}
		if p.Slug == "contact" && !strings.Contains(p.Body, email) {
			t.Errorf("contact page does not give %s", email)
		}
	}

	// Everything is public at now, and nothing is featured too often.
	years := map[int]bool{}
	for _, n := range s.News {
		years[n.PublishedAt.Year()] = true
		if !n.IsPublic(testNow) || n.PublishedAt.Year() < 2022 || n.PublishedAt.Year() > 2025 {
			t.Errorf("news %s: published %v", n.Slug, n.PublishedAt)
		}
	}
	if len(years) < 3 {
		t.Errorf("news spans years %v, want at least 3", years)
	}
	for _, e := range s.Events {
		if !e.IsPublic(testNow) {
			t.Errorf("event %s is not public at now", e.Slug)
		}
		if e.Accessibility == "" || (e.BookingURL == "" && e.Registration == "") || e.Cost == "" {
			t.Errorf("event %s lacks accessibility, booking or cost details", e.Slug)
		}
	}
}

// linkPattern finds the targets of Markdown links that are site paths.
var linkPattern = regexp.MustCompile(`\]\((/[^)\s]*)\)`)

func TestInternalLinksResolve(t *testing.T) {
	s := mustBuild(t, testNow)
	exists := map[string]bool{"/objectives": true, "/priorities": true, "/news": true, "/events": true,
		"/events/past": true, "/programmes": true, "/case-studies": true, "/search": true}
	for _, o := range s.Objectives {
		exists["/objectives/"+o.Slug] = true
	}
	for _, p := range s.Priorities {
		exists["/priorities/"+p.Slug] = true
	}
	for _, n := range s.News {
		exists["/news/"+n.Slug] = true
	}
	for _, e := range s.Events {
		exists["/events/"+e.Slug] = true
	}
	for _, p := range s.Programmes {
		exists["/programmes/"+p.Slug] = true
		for _, f := range p.Files {
			exists["/programmes/"+p.Slug+"/files/"+f.Name] = true
		}
	}
	for _, p := range s.Pages {
		exists["/pages/"+p.Slug] = true
	}
	for _, c := range s.CaseStudies {
		exists["/case-studies/"+c.Slug] = true
	}

	bodies := map[string]string{}
	linked := map[string][]string{} // item -> objective and priority slugs in its Links
	for _, o := range s.Objectives {
		bodies["objective "+o.Slug] = o.Body
	}
	for _, p := range s.Priorities {
		bodies["priority "+p.Slug] = p.Body
		linked["priority "+p.Slug] = prefixed(p.ObjectiveSlugs, nil)
	}
	for _, n := range s.News {
		bodies["news "+n.Slug] = n.Body
		linked["news "+n.Slug] = prefixed(n.ObjectiveSlugs, n.PrioritySlugs)
	}
	for _, e := range s.Events {
		bodies["event "+e.Slug] = e.Body
		linked["event "+e.Slug] = prefixed(e.ObjectiveSlugs, e.PrioritySlugs)
	}
	for _, p := range s.Programmes {
		bodies["programme "+p.Slug] = p.Body
		linked["programme "+p.Slug] = prefixed(p.ObjectiveSlugs, p.PrioritySlugs)
	}
	for _, p := range s.Pages {
		bodies["page "+p.Slug] = p.Body
	}
	for _, c := range s.CaseStudies {
		bodies["case study "+c.Slug] = c.Body
		linked["case study "+c.Slug] = prefixed(c.ObjectiveSlugs, c.PrioritySlugs)
	}

	total := 0
	for item, body := range bodies {
		if body == "" {
			t.Errorf("%s: empty body", item)
		}
		if !strings.Contains(body, "## ") {
			t.Errorf("%s: body has no headings", item)
		}
		for _, m := range linkPattern.FindAllStringSubmatch(body, -1) {
			total++
			if !exists[m[1]] {
				t.Errorf("%s: link to %s, which does not exist", item, m[1])
			}
		}
	}
	if total < 50 {
		t.Errorf("only %d internal links; the bodies should link between pages", total)
	}
	for item, paths := range linked {
		if len(paths) == 0 && !strings.HasPrefix(item, "priority") {
			t.Errorf("%s: not linked to any objective or priority", item)
		}
		for _, p := range paths {
			if !exists[p] {
				t.Errorf("%s: links to %s, which does not exist", item, p)
			}
		}
	}
}

func prefixed(objectives, priorities []string) []string {
	var out []string
	for _, o := range objectives {
		out = append(out, "/objectives/"+o)
	}
	for _, p := range priorities {
		out = append(out, "/priorities/"+p)
	}
	return out
}

func TestUpcomingEventDates(t *testing.T) {
	for _, now := range []time.Time{
		testNow,
		time.Date(2027, time.January, 1, 0, 30, 0, 0, time.UTC),
		time.Date(2027, time.March, 28, 0, 30, 0, 0, time.UTC), // the clocks go forward
		time.Date(2027, time.June, 15, 23, 30, 0, 0, time.UTC), // already 16 June in London
		time.Date(2027, time.October, 31, 12, 0, 0, 0, time.UTC),
	} {
		a, b := mustBuild(t, now), mustBuild(t, now.Add(30*time.Minute))
		var upcoming, past int
		for i, e := range a.Events {
			if !e.StartsAt.Equal(b.Events[i].StartsAt) || !e.EndsAt.Equal(b.Events[i].EndsAt) || e.Title != b.Events[i].Title {
				t.Errorf("now %v: %s moves within the same day", now, e.Slug)
			}
			if e.StartsAt.Location() != time.UTC {
				t.Errorf("%s: StartsAt is not in UTC", e.Slug)
			}
			if e.Upcoming(now) {
				upcoming++
				if e.StartsAt.Sub(now) < 30*24*time.Hour {
					t.Errorf("now %v: %s starts %v, less than a month ahead", now, e.Slug, e.StartsAt)
				}
				if m := e.StartsAt.In(london).Minute(); m != 0 && m != 30 {
					t.Errorf("%s starts at %v London time", e.Slug, e.StartsAt.In(london))
				}
			} else {
				past++
			}
			if e.Slug == "healthfest-wardown-park" {
				if m := e.StartsAt.In(london).Month(); m < time.May || m > time.September || e.StartsAt.In(london).Weekday() != time.Saturday {
					t.Errorf("now %v: HealthFest on %v, want a Saturday from May to September", now, e.StartsAt.In(london))
				}
			}
		}
		if upcoming < 3 || past < 2 {
			t.Errorf("now %v: %d upcoming and %d past events", now, upcoming, past)
		}
	}
}

func TestWalkingMapFiles(t *testing.T) {
	var maps *het.Programme
	for _, p := range mustBuild(t, testNow).Programmes {
		if p.Slug == "heritage-walking-maps" {
			maps = p
		}
	}
	if maps == nil || len(maps.Files) < 2 {
		t.Fatal("the heritage walking maps programme has no files")
	}
	for _, f := range maps.Files {
		if f.Size == 0 || f.Size != int64(len(f.Data)) {
			t.Errorf("%s: size %d for %d bytes", f.Name, f.Size, len(f.Data))
		}
		switch {
		case strings.HasSuffix(f.Name, ".svg"):
			var svg struct {
				XMLName xml.Name
				Title   string `xml:"title"`
				Desc    string `xml:"desc"`
			}
			if err := xml.Unmarshal(f.Data, &svg); err != nil || svg.XMLName.Local != "svg" || svg.Title == "" || svg.Desc == "" {
				t.Errorf("%s: not an SVG with a title and description (%v)", f.Name, err)
			}
		case strings.HasSuffix(f.Name, ".gpx"):
			var gpx struct {
				XMLName xml.Name
				Version string `xml:"version,attr"`
				Points  []struct {
					Lat float64 `xml:"lat,attr"`
					Lon float64 `xml:"lon,attr"`
				} `xml:"trk>trkseg>trkpt"`
			}
			if err := xml.Unmarshal(f.Data, &gpx); err != nil {
				t.Fatalf("%s: %v", f.Name, err)
			}
			if gpx.XMLName.Space != "http://www.topografix.com/GPX/1/1" || gpx.Version != "1.1" || len(gpx.Points) < 5 {
				t.Errorf("%s: namespace %q version %q, %d points", f.Name, gpx.XMLName.Space, gpx.Version, len(gpx.Points))
			}
			for _, p := range gpx.Points {
				if p.Lat < 51.86 || p.Lat > 51.90 || p.Lon < -0.44 || p.Lon > -0.40 {
					t.Errorf("%s: point %v,%v is not in central Luton", f.Name, p.Lat, p.Lon)
				}
			}
		case strings.HasSuffix(f.Name, ".txt"):
			if !strings.HasPrefix(f.ContentType, "text/plain") || !bytes.Contains(f.Data, []byte("St Mary's Church")) {
				t.Errorf("%s: not the plain-text route guide", f.Name)
			}
		}
	}
}

func TestSampleAlert(t *testing.T) {
	a := SampleAlert()
	check(t, a.Validate())
	if a.Active || a.ShowsAt(testNow) {
		t.Error("the sample alert should be inactive")
	}
}

// keys names every item as kind/slug.
func (s *Set) keys() []string {
	var k []string
	for _, o := range s.Objectives {
		k = append(k, "objective/"+o.Slug)
	}
	for _, p := range s.Priorities {
		k = append(k, "priority/"+p.Slug)
	}
	for _, n := range s.News {
		k = append(k, "news/"+n.Slug)
	}
	for _, e := range s.Events {
		k = append(k, "event/"+e.Slug)
	}
	for _, p := range s.Programmes {
		k = append(k, "programme/"+p.Slug)
	}
	for _, p := range s.Pages {
		k = append(k, "page/"+p.Slug)
	}
	for _, c := range s.CaseStudies {
		k = append(k, "case-study/"+c.Slug)
	}
	return k
}
