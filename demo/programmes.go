package demo

import "het"

const councilSite = "https://www.luton.gov.uk"

// Walking-map downloads, authored for the demo and embedded from files/.
var walkFiles = []struct{ name, title, contentType string }{
	{"town-centre-heritage-walk.svg", "Town centre heritage walk: route map (SVG image)", "image/svg+xml"},
	{"town-centre-heritage-walk.txt", "Town centre heritage walk: route guide (plain text)", "text/plain; charset=utf-8"},
	{"town-centre-heritage-walk.gpx", "Town centre heritage walk: GPS track (GPX)", "application/gpx+xml"},
}

func programmes(r *reader) []*het.Programme {
	var files []het.File
	for _, f := range walkFiles {
		data := r.file("files/" + f.name)
		files = append(files, het.File{
			Name:        f.name,
			Title:       f.title,
			ContentType: f.contentType,
			Size:        int64(len(data)),
			Data:        data,
		})
	}
	prog := func(slug, title, summary, provider, website, cost string, featured bool,
		audiences, objectives, priorities []string) *het.Programme {
		return &het.Programme{
			Content:    content(slug, title, summary, r.md("programmes", slug), launch),
			Links:      links(objectives, priorities),
			Provider:   provider,
			WebsiteURL: website,
			Audiences:  append([]string(nil), audiences...),
			Cost:       cost,
			Featured:   featured,
		}
	}
	walks := prog("heritage-walking-maps", "Heritage walking maps",
		"Free maps and route guides for walks that take in Luton's history, to download, print or use on your phone.",
		"Luton Borough Council public health team", "", "Free", true,
		[]string{"Adults", "Older people", "Children and families"},
		[]string{ObjPlaces, ObjPrevention, ObjEnvironment}, []string{PriWellbeing, PriNetZero})
	walks.Files = files
	return []*het.Programme{
		prog("wellbeing-self-help-app", "Wellbeing self-help app",
			"A free app with short exercises to help you notice, question and manage negative thoughts.",
			"Luton Borough Council public health team", "", "Free", true,
			[]string{"Adults", "Young people"},
			[]string{ObjPrevention, ObjCapabilities}, []string{PriWellbeing}),
		prog("goodgym", "GoodGym",
			"Get fit by doing good: run or walk with a group to help older people and community projects in Luton.",
			"GoodGym", "", "Free", true,
			[]string{"Adults", "Older people"},
			[]string{ObjPlaces, ObjPrevention}, []string{PriWellbeing, PriCommunity}),
		walks,
		prog("family-hubs", "Family Hubs",
			"Local centres where families with children and young people up to 19 (25 with special educational needs) can get help in one place.",
			"Luton Borough Council", councilSite, "Free", false,
			[]string{"Children and families", "Young people"},
			[]string{ObjBestStart, ObjCapabilities}, []string{PriChild, PriWellbeing}),
		prog("stop-smoking-support", "Stop smoking support",
			"Free, friendly support to help you stop smoking or vaping, with advice and stop smoking aids.",
			"Luton Borough Council public health team", councilSite, "Free", false,
			[]string{"Adults", "Young people"},
			[]string{ObjPrevention, ObjLiving}, []string{PriWellbeing}),
		prog("community-champions", "Community health champions",
			"Volunteers who share health information in their own communities and tell us what residents need.",
			"Luton Borough Council public health team with community groups", "", "Free", false,
			[]string{"Adults", "Older people", "Young people"},
			[]string{ObjDiscrimination, ObjCapabilities, ObjPrevention}, []string{PriCommunity, PriWellbeing}),
	}
}
