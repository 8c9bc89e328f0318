package demo

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"het"
	"het/store"
	"het/store/storetest"
)

// testNow is a fixed "now" for the tests: a Sunday afternoon in November.
var testNow = time.Date(2026, time.November, 29, 14, 30, 0, 0, time.UTC)

func mustBuild(t *testing.T, now time.Time) *Set {
	t.Helper()
	s, err := Build(now)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// stamps lists every stored item's UpdatedAt, keyed by kind and slug.
func stamps(t *testing.T, ctx context.Context, db *store.DB) map[string]time.Time {
	t.Helper()
	all := het.Visibility{}
	m := map[string]time.Time{}
	add := func(kind, slug string, at time.Time) {
		if at.IsZero() {
			t.Errorf("%s %s: UpdatedAt is zero", kind, slug)
		}
		m[kind+"/"+slug] = at
	}
	objs, err := db.ListObjectives(ctx, het.LinkFilter{Visibility: all})
	check(t, err)
	for _, o := range objs {
		add("objective", o.Slug, o.UpdatedAt)
	}
	pris, err := db.ListPriorities(ctx, het.LinkFilter{Visibility: all})
	check(t, err)
	for _, p := range pris {
		add("priority", p.Slug, p.UpdatedAt)
	}
	news, _, err := db.ListNews(ctx, het.NewsFilter{Visibility: all})
	check(t, err)
	for _, n := range news {
		add("news", n.Slug, n.UpdatedAt)
	}
	evs, _, err := db.ListEvents(ctx, het.EventFilter{Visibility: all})
	check(t, err)
	for _, e := range evs {
		add("event", e.Slug, e.UpdatedAt)
	}
	progs, _, err := db.ListProgrammes(ctx, het.ProgrammeFilter{Visibility: all})
	check(t, err)
	for _, p := range progs {
		add("programme", p.Slug, p.UpdatedAt)
	}
	pages, err := db.ListPages(ctx, het.LinkFilter{Visibility: all})
	check(t, err)
	for _, p := range pages {
		add("page", p.Slug, p.UpdatedAt)
	}
	cases, err := db.ListCaseStudies(ctx, het.LinkFilter{Visibility: all})
	check(t, err)
	for _, c := range cases {
		add("case-study", c.Slug, c.UpdatedAt)
	}
	return m
}

func check(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestLoadTwiceChangesNothing(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		r, err := Load(ctx, db, testNow)
		check(t, err)
		t.Log(r)
		wantAtLeast := []struct {
			name string
			c    Count
			min  int
			max  int
		}{
			{"objectives", r.Objectives, 8, 8},
			{"priorities", r.Priorities, 5, 5},
			{"news", r.News, 8, 1000},
			{"events", r.Events, 3, 1000},
			{"programmes", r.Programmes, 4, 1000},
			{"pages", r.Pages, 5, 1000},
			{"case studies", r.CaseStudies, 3, 1000},
		}
		for _, w := range wantAtLeast {
			if w.c.Added < w.min || w.c.Added > w.max || w.c.Existing != 0 {
				t.Errorf("%s: first load %+v, want %d–%d added and 0 existing", w.name, w.c, w.min, w.max)
			}
		}

		before := stamps(t, ctx, db)
		if len(before) != r.Added() {
			t.Fatalf("store holds %d items, report says %d added", len(before), r.Added())
		}

		// Past and upcoming events, as the public site sees them at now.
		pub := het.Visibility{Public: true, Now: testNow}
		_, past, err := db.ListEvents(ctx, het.EventFilter{Visibility: pub, When: het.EventsPast, Limit: 1})
		check(t, err)
		_, upcoming, err := db.ListEvents(ctx, het.EventFilter{Visibility: pub, When: het.EventsUpcoming, Limit: 1})
		check(t, err)
		if past < 1 || upcoming < 1 {
			t.Errorf("public events at now: %d past, %d upcoming; want at least 1 of each", past, upcoming)
		}
		years, err := db.NewsYears(ctx, pub)
		check(t, err)
		if len(years) < 3 {
			t.Errorf("news years %v, want at least 3", years)
		}
		_, featured, err := db.ListNews(ctx, het.NewsFilter{Visibility: pub, Featured: true, Limit: 1})
		check(t, err)
		if featured < 2 || featured > 3 {
			t.Errorf("%d featured news items, want 2 or 3", featured)
		}

		// A second run, even a day later, adds nothing and touches nothing.
		time.Sleep(10 * time.Millisecond) // a rewrite would show as a new UpdatedAt
		r2, err := Load(ctx, db, testNow.Add(24*time.Hour))
		check(t, err)
		if r2.Added() != 0 || r2.Existing() != r.Added() {
			t.Errorf("second load: %v; want 0 added and %d existing", r2, r.Added())
		}
		after := stamps(t, ctx, db)
		if len(after) != len(before) {
			t.Errorf("second load: %d items, want %d", len(after), len(before))
		}
		for k, at := range before {
			if !after[k].Equal(at) {
				t.Errorf("%s: UpdatedAt changed from %v to %v", k, at, after[k])
			}
		}
	})
}

func TestLoadKeepsEditorsChanges(t *testing.T) {
	db := storetest.MustOpen(t)
	ctx := context.Background()
	edited := mustBuild(t, testNow).Objectives[0]
	edited.Title = "An editor's own title"
	edited.Status = het.StatusDraft
	check(t, db.SaveObjective(ctx, edited))

	r, err := Load(ctx, db, testNow)
	check(t, err)
	if r.Objectives.Added != 7 || r.Objectives.Existing != 1 {
		t.Errorf("objectives %+v, want 7 added and 1 existing", r.Objectives)
	}
	got, err := db.FindObjective(ctx, edited.Slug, het.Visibility{})
	check(t, err)
	if got.Title != "An editor's own title" || got.Status != het.StatusDraft {
		t.Errorf("Load overwrote an existing item: %q, %s", got.Title, got.Status)
	}
}

func TestProgrammeFilesRoundTrip(t *testing.T) {
	db := storetest.MustOpen(t)
	ctx := context.Background()
	_, err := Load(ctx, db, testNow)
	check(t, err)
	var n int
	for _, p := range mustBuild(t, testNow).Programmes {
		for _, f := range p.Files {
			n++
			got, err := db.FindProgrammeFile(ctx, p.Slug, f.Name, het.Visibility{Public: true, Now: testNow})
			check(t, err)
			if !bytes.Equal(got.Data, f.Data) || got.Size != int64(len(f.Data)) || got.ContentType != f.ContentType || got.Title != f.Title {
				t.Errorf("%s/%s: stored file differs (size %d, type %q)", p.Slug, f.Name, got.Size, got.ContentType)
			}
		}
	}
	if n < 2 {
		t.Errorf("%d downloadable files, want at least 2", n)
	}
}

func TestValidateNamesTheBadItem(t *testing.T) {
	s := mustBuild(t, testNow)
	s.News[3].Title = ""
	err := s.Validate()
	if err == nil || !strings.Contains(err.Error(), s.News[3].Slug) {
		t.Fatalf("Validate() = %v, want an error naming %q", err, s.News[3].Slug)
	}
	if het.ErrorCode(err) != het.EINVALID {
		t.Errorf("error code %q, want %q", het.ErrorCode(err), het.EINVALID)
	}
}

func TestInvalidSetSavesNothing(t *testing.T) {
	db := storetest.MustOpen(t)
	ctx := context.Background()
	s := mustBuild(t, testNow)
	s.CaseStudies[len(s.CaseStudies)-1].Slug = "Not a slug"
	if _, err := load(ctx, db, s); err == nil || !strings.Contains(err.Error(), "Not a slug") {
		t.Fatalf("load = %v, want an error naming the bad case study", err)
	}
	if n := len(stamps(t, ctx, db)); n != 0 {
		t.Errorf("%d items saved before validation failed, want 0", n)
	}
}
