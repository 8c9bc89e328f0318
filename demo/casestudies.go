package demo

import "het"

type caseSpec struct {
	slug, title, summary, organisation, date string
	objectives, priorities                   []string
}

// Case studies: a few of the 18 shown at the 2023 conference, told
// generically (no named people or organisations).
var caseSpecs = []caseSpec{
	{"primary-school-breakfast-and-family-support", "A primary school puts families at the centre",
		"How a Luton primary school linked breakfast, early help and parent learning so children arrive ready to learn.",
		"A Luton primary school", "2023-11-20",
		[]string{ObjBestStart, ObjCapabilities}, []string{PriChild}},
	{"housing-team-damp-and-mould", "Healthier homes: acting early on damp and mould",
		"How the council's housing team changed the way it finds and fixes damp and mould, starting with homes where children or people with lung conditions live.",
		"Luton Borough Council housing team", "2023-11-20",
		[]string{ObjLiving, ObjPlaces}, []string{PriWellbeing, PriNetZero}},
	{"employer-fair-work-pledge", "A local employer makes work fairer",
		"How a Luton employer changed its recruitment and pay to open good jobs to more local people.",
		"A Luton employer", "2023-11-20",
		[]string{ObjFairWork, ObjDiscrimination}, []string{PriEconomy}},
	{"community-group-health-conversations", "Health conversations in community languages",
		"How a community group worked with the public health team to hold health conversations in the languages residents speak at home.",
		"A Luton community group", "2024-02-06",
		[]string{ObjDiscrimination, ObjPrevention}, []string{PriCommunity, PriWellbeing}},
}

func caseStudies(r *reader) []*het.CaseStudy {
	out := make([]*het.CaseStudy, 0, len(caseSpecs))
	for _, s := range caseSpecs {
		out = append(out, &het.CaseStudy{
			Content:      content(s.slug, s.title, s.summary, r.md("case-studies", s.slug), day(s.date)),
			Links:        links(s.objectives, s.priorities),
			Organisation: s.organisation,
		})
	}
	return out
}
