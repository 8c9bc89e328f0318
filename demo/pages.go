package demo

import "het"

type pageSpec struct{ slug, title, summary string }

// The standalone pages. Other packages link to these slugs.
var pageSpecs = []pageSpec{
	{"about", "About Luton Health Equity Town",
		"Why Luton became the first Marmot Town, what we are trying to change and how we check progress."},
	{"driving-change", "Driving change",
		"The four subgroups that lead the work on our recommendations, and what each one is responsible for."},
	{"accessibility-statement", "Accessibility statement",
		"How accessible this website is, how we tested it and what to do if you cannot use something."},
	{"privacy", "Privacy notice",
		"What information this website collects about you, why, how long we keep it and your rights."},
	{"contact", "Contact us",
		"How to get in touch with the Luton Health Equity Town team in public health."},
}

func pages(r *reader) []*het.Page {
	out := make([]*het.Page, 0, len(pageSpecs))
	for _, s := range pageSpecs {
		out = append(out, &het.Page{Content: content(s.slug, s.title, s.summary, r.md("pages", s.slug), launch)})
	}
	return out
}
