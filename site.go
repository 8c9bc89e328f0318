package het

import "time"

// Site is the town-specific configuration: everything that makes this
// deployment Luton's rather than another Marmot place's.
type Site struct {
	Name       string         // e.g. "Luton Health Equity Town"
	Town       string         // e.g. "Luton"
	Council    string         // e.g. "Luton Borough Council"
	AreaCode   string         // ONS code of the local authority, e.g. E06000032
	RegionCode string         // ONS code of its region, e.g. E12000006
	BaseURL    string         // absolute URL used in feeds and the sitemap, no trailing slash
	Location   *time.Location // time zone for dates shown to people
	Email      string         // public contact address
}

// LutonSite returns the configuration of Luton, the first user and the demo.
func LutonSite() Site {
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		loc = time.UTC
	}
	return Site{
		Name:       "Luton Health Equity Town",
		Town:       "Luton",
		Council:    "Luton Borough Council",
		AreaCode:   "E06000032",
		RegionCode: "E12000006",
		BaseURL:    "http://localhost:8080",
		Location:   loc,
		Email:      "healthequity@luton.gov.uk",
	}
}
