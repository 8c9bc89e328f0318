package demo

import "het"

type newsSpec struct {
	slug, title, summary, date string
	featured                   bool
	objectives, priorities     []string
}

// The news articles, oldest first. Publish dates are fixed so the year filter
// has several years to offer.
var newsSpecs = []newsSpec{
	{"luton-becomes-first-marmot-town", "Luton becomes the first Marmot Town",
		"Luton has published its Marmot report and become the first town in England to commit to the Marmot approach to health equity.",
		"2022-11-01", false, nil, []string{PriWellbeing}},
	{"priority-areas-and-subgroups", "Four subgroups will drive the Marmot recommendations",
		"We have agreed our priority areas and set up four subgroups to lead the work on the report's recommendations.",
		"2023-03-14", false, []string{ObjBestStart, ObjLiving, ObjFairWork, ObjEnvironment},
		[]string{PriChild, PriEconomy, PriNetZero}},
	{"communications-masterclass", "Communications masterclass: talking about health equity",
		"Partners joined a masterclass with a non-profit that helps organisations frame social issues, to help us talk about health equity in ways people recognise.",
		"2023-06-20", false, []string{ObjCapabilities}, []string{PriCommunity}},
	{"impact-measures-reviewed", "How we check progress: our yearly review of impact measures",
		"Each year we review about 15 impact measures to see whether the gaps in health in Luton are closing.",
		"2023-12-05", false, []string{ObjPrevention}, []string{PriWellbeing}},
	{"goodgym-get-fit-by-doing-good", "GoodGym: get fit by doing good in Luton",
		"GoodGym groups in Luton combine running and walking with helping local people and community projects.",
		"2024-04-16", false, []string{ObjPlaces, ObjPrevention}, []string{PriWellbeing, PriCommunity}},
	{"gypsy-roma-traveller-history-month-2024", "Gypsy, Roma and Traveller History Month 2024",
		"In June we are marking Gypsy, Roma and Traveller History Month and looking at how services can work better with these communities.",
		"2024-06-03", false, []string{ObjDiscrimination}, []string{PriCommunity}},
	{"wellbeing-self-help-app", "Free app to help you manage negative thoughts",
		"Luton residents can use a free self-help app with practical tools for managing negative thoughts and looking after their mental wellbeing.",
		"2024-09-10", false, []string{ObjPrevention}, []string{PriWellbeing}},
	{"enterprise-coordinator-role", "New enterprise coordinator links careers education to a child-friendly town",
		"A new enterprise coordinator role will help schools and local employers give young people better careers education.",
		"2025-01-21", true, []string{ObjCapabilities, ObjFairWork}, []string{PriChild, PriEconomy}},
	{"heritage-walking-maps", "Free walking maps of Luton's heritage",
		"Download our free walking maps and explore Luton's history on foot.",
		"2025-04-08", true, []string{ObjPlaces, ObjPrevention}, []string{PriWellbeing, PriNetZero}},
	{"health-and-built-environment-workshop", "Over 30 professionals join our health and built-environment workshop",
		"Planners, housing officers and health professionals met to look at how buildings, streets and places in Luton affect health.",
		"2025-07-15", true, []string{ObjPlaces, ObjLiving}, []string{PriWellbeing, PriNetZero}},
}

func news(r *reader) []*het.NewsItem {
	out := make([]*het.NewsItem, 0, len(newsSpecs))
	for _, s := range newsSpecs {
		out = append(out, &het.NewsItem{
			Content:  content(s.slug, s.title, s.summary, r.md("news", s.slug), day(s.date)),
			Links:    links(s.objectives, s.priorities),
			Featured: s.featured,
		})
	}
	return out
}

// links copies the slices so every Build returns independent items.
func links(objectives, priorities []string) het.Links {
	return het.Links{
		ObjectiveSlugs: append([]string(nil), objectives...),
		PrioritySlugs:  append([]string(nil), priorities...),
	}
}
