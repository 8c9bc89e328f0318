package store_test

import (
	"bytes"
	"context"
	"slices"
	"testing"
	"time"

	"het"
	"het/store"
	"het/store/storetest"
)

func TestProgrammesAndFiles(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		seed(t, db)
		pdf := append([]byte("%PDF-1.7\x00\x01\x02\xff"), bytes.Repeat([]byte{0, 0xfe, 'x'}, 100_000)...)
		walks := &het.Programme{
			Content: pub("walking-maps", "Walking maps"), Links: het.Links{ObjectiveSlugs: []string{"best-start"}, PrioritySlugs: []string{"child-friendly"}},
			Provider: "Luton Borough Council", WebsiteURL: "https://example.org/walks", Audiences: []string{"Adults", "Children and families"},
			Cost: "Free", Featured: true,
			Files: []het.File{
				{Name: "heritage-walk.pdf", Title: "Heritage walk (PDF)", ContentType: "application/pdf", Data: pdf},
				{Name: "empty.txt", Title: "Empty", ContentType: "text/plain", Data: []byte{}},
			},
		}
		must(t, db.SaveProgramme(ctx, walks))
		if walks.Files[0].ID == 0 || walks.Files[0].Size != int64(len(pdf)) {
			t.Errorf("file after save %+v", walks.Files[0].ID)
		}
		for _, p := range []*het.Programme{
			{Content: pub("goodgym", "GoodGym"), Audiences: []string{"Adults"}, Cost: "Free", Links: het.Links{PrioritySlugs: []string{"inclusive-economy"}}},
			{Content: pub("app", "a wellbeing app"), Audiences: []string{"Young people"}, Cost: "Paid", Featured: true},
			{Content: content("secret", "Secret", het.StatusDraft, time.Time{}), Cost: "Free", Audiences: []string{"Adults"}},
		} {
			must(t, db.SaveProgramme(ctx, p))
		}

		got, err := db.FindProgramme(ctx, "walking-maps", public)
		must(t, err)
		if got.Provider != walks.Provider || got.WebsiteURL != walks.WebsiteURL || got.Cost != "Free" || !got.Featured ||
			!slices.Equal(got.Audiences, walks.Audiences) || !slices.Equal(got.ObjectiveSlugs, []string{"best-start"}) || !slices.Equal(got.PrioritySlugs, []string{"child-friendly"}) {
			t.Errorf("round trip %+v", got)
		}
		if len(got.Files) != 2 || got.Files[0].Name != "heritage-walk.pdf" || got.Files[0].Data != nil || got.Files[0].Size != int64(len(pdf)) || got.Files[1].Size != 0 {
			t.Fatalf("files %+v", got.Files)
		}
		f, err := db.FindProgrammeFile(ctx, "walking-maps", "heritage-walk.pdf", public)
		must(t, err)
		if !bytes.Equal(f.Data, pdf) || f.ContentType != "application/pdf" || f.Title != "Heritage walk (PDF)" {
			t.Errorf("file bytes differ (%d vs %d)", len(f.Data), len(pdf))
		}
		for _, tc := range []struct{ prog, file string }{{"walking-maps", "nope.pdf"}, {"secret", "x"}, {"walking-maps", "../etc/passwd"}, {"walking-maps", "bad\xff"}, {"Bad Slug", "x"}} {
			_, err := db.FindProgrammeFile(ctx, tc.prog, tc.file, public)
			wantCode(t, err, het.ENOTFOUND)
		}

		// Saving back what was read (files without Data) keeps the bytes and changes nothing.
		before := got.UpdatedAt
		must(t, db.SaveProgramme(ctx, got))
		if !got.UpdatedAt.Equal(before) {
			t.Error("idempotent programme save moved UpdatedAt")
		}
		// Re-uploading identical bytes changes nothing either.
		walks.UpdatedAt = time.Time{}
		must(t, db.SaveProgramme(ctx, walks))
		if !walks.UpdatedAt.Equal(before) {
			t.Error("saving identical file bytes moved UpdatedAt")
		}
		// New bytes for one file, a file dropped, a new one added.
		got.Files = []het.File{
			{Name: "new-map.png", Title: "Map", ContentType: "image/png", Data: []byte("PNG")},
			{Name: "heritage-walk.pdf", Title: "Heritage walk", ContentType: "application/pdf", Data: []byte("v2")},
		}
		must(t, db.SaveProgramme(ctx, got))
		again, err := db.FindProgramme(ctx, "walking-maps", all0)
		must(t, err)
		if names := slugsOf(again.Files, func(f het.File) string { return f.Name }); !slices.Equal(names, []string{"new-map.png", "heritage-walk.pdf"}) {
			t.Errorf("files after change %v", names)
		}
		f, err = db.FindProgrammeFile(ctx, "walking-maps", "heritage-walk.pdf", all0)
		must(t, err)
		if string(f.Data) != "v2" || f.Size != 2 {
			t.Errorf("replaced bytes %q size %d", f.Data, f.Size)
		}
		_, err = db.FindProgrammeFile(ctx, "walking-maps", "empty.txt", all0)
		wantCode(t, err, het.ENOTFOUND)
		// A new file without bytes is refused; so are invalid files.
		wantCode(t, db.SaveProgramme(ctx, &het.Programme{Content: pub("no-bytes", "x"), Files: []het.File{{Name: "a.pdf", Title: "A", ContentType: "application/pdf"}}}), het.EINVALID)
		wantCode(t, db.SaveProgramme(ctx, &het.Programme{Content: pub("bad-file", "x"), Files: []het.File{{Name: "../a", Title: "A", ContentType: "x", Data: []byte("x")}}}), het.EINVALID)

		tests := []struct {
			name  string
			f     het.ProgrammeFilter
			want  []string
			total int
		}{
			{"public by title", het.ProgrammeFilter{Visibility: public}, []string{"app", "goodgym", "walking-maps"}, 3},
			{"everything", het.ProgrammeFilter{}, []string{"app", "goodgym", "secret", "walking-maps"}, 4},
			{"audience", het.ProgrammeFilter{Visibility: public, Audience: "Adults"}, []string{"goodgym", "walking-maps"}, 2},
			{"cost", het.ProgrammeFilter{Visibility: public, Cost: "Paid"}, []string{"app"}, 1},
			{"featured", het.ProgrammeFilter{Visibility: public, Featured: true}, []string{"app", "walking-maps"}, 2},
			{"objective", het.ProgrammeFilter{Visibility: public, Objective: "best-start"}, []string{"walking-maps"}, 1},
			{"priority", het.ProgrammeFilter{Visibility: public, Priority: "inclusive-economy"}, []string{"goodgym"}, 1},
			{"audience and cost", het.ProgrammeFilter{Visibility: public, Audience: "Adults", Cost: "Paid"}, nil, 0},
			{"paged", het.ProgrammeFilter{Visibility: public, Limit: 1, Offset: 1}, []string{"goodgym"}, 3},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				got, total, err := db.ListProgrammes(ctx, tt.f)
				must(t, err)
				if slugs := slugsOf(got, func(p *het.Programme) string { return p.Slug }); !slices.Equal(slugs, nonNil(tt.want)) || total != tt.total {
					t.Errorf("got %v (total %d), want %v (total %d)", slugs, total, tt.want, tt.total)
				}
			})
		}
	})
}

func TestPagesAndCaseStudies(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		seed(t, db)
		for _, p := range []*het.Page{
			{Content: pub("privacy", "Privacy notice")},
			{Content: pub("accessibility", "Accessibility statement")},
			{Content: content("draft-page", "Draft page", het.StatusDraft, time.Time{})},
		} {
			must(t, db.SavePage(ctx, p))
		}
		pages, err := db.ListPages(ctx, het.LinkFilter{Visibility: public})
		must(t, err)
		if got := slugsOf(pages, func(p *het.Page) string { return p.Slug }); !slices.Equal(got, []string{"accessibility", "privacy"}) {
			t.Errorf("pages %v", got)
		}
		p, err := db.FindPage(ctx, "privacy", public)
		must(t, err)
		before := p.UpdatedAt
		must(t, db.SavePage(ctx, p))
		if !p.UpdatedAt.Equal(before) {
			t.Error("idempotent page save moved UpdatedAt")
		}
		_, err = db.FindPage(ctx, "draft-page", public)
		wantCode(t, err, het.ENOTFOUND)
		wantCode(t, db.SavePage(ctx, &het.Page{Content: pub("", "No slug")}), het.EINVALID)

		for _, c := range []*het.CaseStudy{
			{Content: content("older", "Older", het.StatusPublished, t0.Add(-48*time.Hour)), Organisation: "GoodGym", Links: het.Links{ObjectiveSlugs: []string{"best-start"}}},
			{Content: pub("newer", "Newer"), Organisation: "Luton Council", Links: het.Links{PrioritySlugs: []string{"child-friendly"}, ObjectiveSlugs: []string{"best-start"}}},
			{Content: content("archived-cs", "Archived", het.StatusArchived, t0.Add(-time.Hour)), Links: het.Links{ObjectiveSlugs: []string{"best-start"}}},
		} {
			must(t, db.SaveCaseStudy(ctx, c))
		}
		for _, tt := range []struct {
			name string
			f    het.LinkFilter
			want []string
		}{
			{"public newest first", het.LinkFilter{Visibility: public}, []string{"newer", "older"}},
			{"objective", het.LinkFilter{Visibility: public, Objective: "best-start"}, []string{"newer", "older"}},
			{"priority", het.LinkFilter{Visibility: public, Priority: "child-friendly"}, []string{"newer"}},
			{"everything", het.LinkFilter{Objective: "best-start"}, []string{"archived-cs", "newer", "older"}},
		} {
			t.Run(tt.name, func(t *testing.T) {
				cs, err := db.ListCaseStudies(ctx, tt.f)
				must(t, err)
				if got := slugsOf(cs, func(c *het.CaseStudy) string { return c.Slug }); !slices.Equal(got, tt.want) {
					t.Errorf("got %v, want %v", got, tt.want)
				}
			})
		}
		c, err := db.FindCaseStudy(ctx, "newer", public)
		must(t, err)
		if c.Organisation != "Luton Council" || !slices.Equal(c.PrioritySlugs, []string{"child-friendly"}) {
			t.Errorf("case study %+v", c)
		}
		before = c.UpdatedAt
		must(t, db.SaveCaseStudy(ctx, c))
		if !c.UpdatedAt.Equal(before) {
			t.Error("idempotent case study save moved UpdatedAt")
		}
		_, err = db.FindCaseStudy(ctx, "archived-cs", public)
		wantCode(t, err, het.ENOTFOUND)
	})
}

func TestAlerts(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		_, err := db.ActiveAlert(ctx, t0)
		wantCode(t, err, het.ENOTFOUND)
		h := time.Hour
		alerts := []*het.Alert{
			{Title: "Open ended", Message: "Always on", Active: true},
			{Title: "Window", Message: "Now", Active: true, StartsAt: t0.Add(-h), EndsAt: t0.Add(h), LinkURL: "https://example.org", LinkText: "More"},
			{Title: "Inactive", Message: "Off", Active: false, StartsAt: t0.Add(-h / 2)},
			{Title: "Later", Message: "Soon", Active: true, StartsAt: t0.Add(h)},
			{Title: "Ended", Message: "Gone", Active: true, StartsAt: t0.Add(-3 * h), EndsAt: t0},
		}
		for _, a := range alerts {
			must(t, db.SaveAlert(ctx, a))
			if a.ID == 0 {
				t.Fatal("no ID after insert")
			}
		}
		a, err := db.ActiveAlert(ctx, t0)
		must(t, err)
		if a.Title != "Window" || a.LinkText != "More" || !a.StartsAt.Equal(t0.Add(-h)) || !a.EndsAt.Equal(t0.Add(h)) {
			t.Errorf("active %+v", a)
		}
		a, err = db.ActiveAlert(ctx, t0.Add(2*h))
		must(t, err)
		if a.Title != "Later" {
			t.Errorf("later active %q", a.Title)
		}
		list, err := db.ListAlerts(ctx)
		must(t, err)
		if len(list) != 5 || list[0].Title != "Ended" {
			t.Errorf("list %d, first %q", len(list), list[0].Title)
		}
		alerts[1].Active = false
		must(t, db.SaveAlert(ctx, alerts[1]))
		a, err = db.ActiveAlert(ctx, t0)
		must(t, err)
		if a.Title != "Open ended" {
			t.Errorf("after deactivating: %q", a.Title)
		}
		wantCode(t, db.SaveAlert(ctx, &het.Alert{ID: 9999, Title: "x", Message: "y"}), het.ENOTFOUND)
		wantCode(t, db.SaveAlert(ctx, &het.Alert{Title: "", Message: "y"}), het.EINVALID)
	})
}
