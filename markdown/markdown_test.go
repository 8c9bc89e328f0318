package markdown

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func TestRender(t *testing.T) {
	r := New()
	tests := []struct {
		name      string
		src       string
		want      []string
		forbidden []string
	}{
		{"heading demoted", "# Title\n\n## Sub", []string{`<h2 class="govuk-heading-l">Title</h2>`, `<h3 class="govuk-heading-m">Sub</h3>`}, []string{"<h1", " id="}},
		{"second-level stays", "## Sub", []string{`<h2 class="govuk-heading-l">Sub</h2>`}, nil},
		{"paragraph and link", "Go [home](https://example.org/).", []string{`<p class="govuk-body">`, `<a href="https://example.org/" class="govuk-link"`}, nil},
		{"lists", "- a\n- b\n\n1. x\n2. y", []string{`<ul class="govuk-list govuk-list--bullet">`, `<ol class="govuk-list govuk-list--number">`}, nil},
		{"table", "| a | b |\n|---|---|\n| 1 | 2 |", []string{`<table class="govuk-table">`, `<th class="govuk-table__header">`, `<td class="govuk-table__cell">`}, nil},
		{"autolink", "See https://example.org", []string{`class="govuk-link"`}, nil},
		{"raw script", "Hi <script>alert(1)</script> there\n\n<script>alert(2)</script>", []string{"Hi"}, []string{"<script", "alert(2)"}},
		{"javascript link", "[x](javascript:alert(1))", nil, []string{"javascript:"}},
		{"onerror", `<img src=x onerror="alert(1)">` + "\n\n![a](x \"t\")", nil, []string{"onerror"}},
		{"hostile class", `<p class="evil">x</p>`, nil, []string{"evil"}},
		{"data uri link", "[x](data:text/html;base64,PHNjcmlwdD4=)", nil, []string{"data:"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := string(r.Render(tt.src))
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("Render(%q) = %q, want it to contain %q", tt.src, got, w)
				}
			}
			for _, f := range tt.forbidden {
				if strings.Contains(got, f) {
					t.Errorf("Render(%q) = %q, must not contain %q", tt.src, got, f)
				}
			}
			if again := string(r.Render(tt.src)); again != got {
				t.Errorf("cached render differs: %q vs %q", again, got)
			}
		})
	}
	if r.Render("") != "" {
		t.Error("empty source should render empty")
	}
}

func BenchmarkRender(b *testing.B) {
	r := New()
	src := strings.Repeat("## Heading\n\nSome *text* with a [link](https://example.org).\n\n- one\n- two\n\n", 20)
	b.ReportAllocs()
	for b.Loop() {
		_ = r.render(src)
	}
}

// FuzzRender feeds arbitrary Markdown to the renderer: it must not panic and
// its output must never carry a script, an event handler or a javascript:
// URL.
func FuzzRender(f *testing.F) {
	for _, s := range []string{
		"# T\n\ntext", "<script>alert(1)</script>", "[x](javascript:alert(1))", `<img src=x onerror=alert(1)>`,
		"| a |\n|---|\n| <b onclick=x>1</b> |", "<a href=\"jav&#x09;ascript:alert(1)\">x</a>", "```\n<script>\n```",
	} {
		f.Add(s)
	}
	r := New()
	f.Fuzz(func(t *testing.T, src string) {
		out := string(r.Render(src))
		z := html.NewTokenizer(strings.NewReader(out))
		for {
			tt := z.Next()
			if tt == html.ErrorToken {
				return
			}
			if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
				continue
			}
			tok := z.Token()
			switch tok.Data {
			case "script", "style", "iframe", "object", "embed", "form", "input", "base", "meta", "link":
				t.Fatalf("Render(%q) = %q has <%s>", src, out, tok.Data)
			}
			for _, a := range tok.Attr {
				v := strings.ToLower(strings.TrimSpace(a.Val))
				if strings.HasPrefix(a.Key, "on") || a.Key == "style" || strings.HasPrefix(v, "javascript:") || strings.HasPrefix(v, "data:") {
					t.Fatalf("Render(%q) = %q has %s=%q", src, out, a.Key, a.Val)
				}
				if a.Key == "class" && !classPattern.MatchString(a.Val) {
					t.Fatalf("Render(%q) = %q has class %q", src, out, a.Val)
				}
			}
		}
	})
}
