package demo

import "het"

// The slugs other packages and the demo bodies link to.
const (
	ObjBestStart      = "best-start-in-life"
	ObjCapabilities   = "capabilities-and-control"
	ObjFairWork       = "fair-work"
	ObjLiving         = "healthy-standard-of-living"
	ObjPlaces         = "healthy-places"
	ObjPrevention     = "ill-health-prevention"
	ObjDiscrimination = "tackling-discrimination"
	ObjEnvironment    = "environmental-sustainability"

	PriEconomy   = "inclusive-economy"
	PriWellbeing = "population-wellbeing"
	PriChild     = "child-friendly-town"
	PriNetZero   = "net-zero"
	PriCommunity = "empowered-community"
)

type objectiveSpec struct {
	slug, short, title, summary string
}

// The eight Marmot policy objectives, in the framework's order.
var objectiveSpecs = []objectiveSpec{
	{ObjBestStart, "Best start in life",
		"Give every child the best start in life",
		"Support families so that every child in Luton grows up healthy, safe and ready to learn."},
	{ObjCapabilities, "Capabilities and control",
		"Enable all children, young people and adults to maximise their capabilities and have control over their lives",
		"Help people of every age learn, build skills and have a say in the decisions that affect them."},
	{ObjFairWork, "Fair work",
		"Create fair employment and good work for all",
		"Make sure there are good, secure jobs in Luton that pay enough to live on and are open to everyone."},
	{ObjLiving, "Healthy standard of living",
		"Ensure a healthy standard of living for all",
		"Make sure every household in Luton has enough money and support to live a healthy life."},
	{ObjPlaces, "Healthy places",
		"Create and develop healthy and sustainable places and communities",
		"Make Luton's homes, streets, parks and neighbourhoods places that support good health."},
	{ObjPrevention, "Ill-health prevention",
		"Strengthen the role and impact of ill-health prevention",
		"Help people stay well and catch problems early, with most help where needs are greatest."},
	{ObjDiscrimination, "Tackling discrimination",
		"Tackle discrimination, racism and their outcomes",
		"Challenge unfair treatment and close the gaps in health that discrimination and racism cause."},
	{ObjEnvironment, "Environmental sustainability",
		"Pursue environmental sustainability and health equity together",
		"Tackle climate change in ways that also improve health and reduce inequality in Luton."},
}

func objectives(r *reader) []*het.Objective {
	out := make([]*het.Objective, 0, len(objectiveSpecs))
	for i, s := range objectiveSpecs {
		out = append(out, &het.Objective{
			Content:    content(s.slug, s.title, s.summary, r.md("objectives", s.slug), launch),
			Number:     i + 1,
			ShortTitle: s.short,
		})
	}
	return out
}

type prioritySpec struct {
	slug, short, title, summary string
	objectives                  []string
}

// The five Luton 2040 priorities and the objectives each serves.
var prioritySpecs = []prioritySpec{
	{PriEconomy, "Inclusive economy",
		"An inclusive economy that grows businesses, jobs and incomes",
		"Grow Luton's economy in a way that brings good jobs and better incomes to every part of the town.",
		[]string{ObjCapabilities, ObjFairWork, ObjLiving, ObjDiscrimination}},
	{PriWellbeing, "Population wellbeing",
		"Population wellbeing and tackling health inequalities",
		"Improve health for everyone in Luton, and improve it fastest for the people whose health is worst.",
		[]string{ObjLiving, ObjPlaces, ObjPrevention, ObjDiscrimination}},
	{PriChild, "Child-friendly town",
		"A child-friendly town",
		"Make Luton a town where children and young people are safe, heard and able to thrive.",
		[]string{ObjBestStart, ObjCapabilities, ObjPlaces}},
	{PriNetZero, "Net zero",
		"Tackling the climate emergency and becoming net zero",
		"Cut Luton's carbon emissions to net zero in ways that also make the town healthier and fairer.",
		[]string{ObjPlaces, ObjEnvironment}},
	{PriCommunity, "Empowered community",
		"A strong and empowered community with a voice for all residents",
		"Make sure every resident can have a say, and that communities shape the decisions that affect them.",
		[]string{ObjCapabilities, ObjDiscrimination, ObjPlaces}},
}

func priorities(r *reader) []*het.Priority {
	out := make([]*het.Priority, 0, len(prioritySpecs))
	for i, s := range prioritySpecs {
		out = append(out, &het.Priority{
			Content:        content(s.slug, s.title, s.summary, r.md("priorities", s.slug), launch),
			Number:         i + 1,
			ShortTitle:     s.short,
			ObjectiveSlugs: append([]string(nil), s.objectives...),
		})
	}
	return out
}
