package markdown

import (
	"html"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestPlainText(t *testing.T) {
	for _, tc := range []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"blank lines", "\n \n\t\n", ""},
		{"sentence", "Walking is good for you.", "Walking is good for you."},
		{"adds a full stop", "Walking is good for you", "Walking is good for you."},
		{"keeps other endings", "Is it? Yes!", "Is it? Yes!"},
		{"ending inside quotes", `He said "go."`, `He said "go."`},
		{"paragraph lines join", "one line\nand the next", "one line and the next."},
		{"paragraphs", "First.\n\nSecond", "First.\nSecond."},
		{"heading then paragraph", "## What this means\nThe places we live.", "What this means.\nThe places we live."},
		{"heading levels", "# One\n###### Six\n####### Seven", "One.\nSix.\n####### Seven."},
		{"closed heading", "## Title ##", "Title."},
		{"hash without space", "#hashtag and C# code", "#hashtag and C# code."},
		{"setext headings", "Title\n=====\nSub\n---\nText", "Title.\nSub.\nText."},
		{"link", "We [tackle discrimination](/objectives/tackle-discrimination) here.", "We tackle discrimination here."},
		{"link with title", `See [the plan](https://example.org/plan "The plan").`, "See the plan."},
		{"link destination with parens", "A [wiki](https://en.wikipedia.org/wiki/Foo_(bar)) page", "A wiki page."},
		{"angle destination", "A [doc](<a b.pdf>) here", "A doc here."},
		{"reference link", "Read [the report][1] now.\n\n[1]: https://example.org/r", "Read the report now."},
		{"reference definition with title", "Text.\n\n[r]: https://example.org/r \"Report\"", "Text."},
		// Without a definition, [One][] and [two] are not links (CommonMark):
		// the page shows the brackets, so the search text keeps them too.
		{"collapsed and shortcut references", "[One][] and [two].", "[One][] and [two]."},
		{"collapsed and shortcut references defined", "[One][] and [two].\n\n[one]: /1\n[two]: /2", "One and two."},
		// Brackets inside link text that are not links themselves are text.
		{"nested brackets in text", "[a [b] c](/x)", "a [b] c."},
		{"image", "![A map of Luton](/static/map.png) below", "A map of Luton below."},
		{"image in link", "[![Logo](/logo.png)](https://example.org)", "Logo."},
		// An unclosed bracket is literal text on the page, so it stays.
		{"unclosed link", "[not a link and (more", "[not a link and (more."},
		// [sic] with no definition is not a link: the page shows the brackets.
		{"bracket without destination", "a [sic] b", "a [sic] b."},
		{"emphasis", "Some **bold**, *italic*, __strong__ and _em_ text", "Some bold, italic, strong and em text."},
		{"strikethrough", "~~old~~ new, ~5 minutes", "old new, ~5 minutes."},
		{"snake case", "the file_name_here stays", "the file_name_here stays."},
		{"inline code", "Run `het serve` or ``a ` b``", "Run het serve or a ` b."},
		// An unmatched backtick is literal text on the page, so it stays.
		{"unclosed tick", "a ` b", "a ` b."},
		{"escapes", `\*not emphasis\* and \[x\]`, "*not emphasis* and [x]."},
		{"bullet list", "Intro:\n\n- one\n- two\n* three\n+ four", "Intro:\none.\ntwo.\nthree.\nfour."},
		{"list without blank line", "Things\n- one\n- two", "Things.\none.\ntwo."},
		{"ordered list", "1. first\n2) second\n10. tenth", "first.\nsecond.\ntenth."},
		// The renderer has no task-list extension, so the page shows "[ ]" and
		// "[x]" as text; the search text reads the body the same way.
		{"task list", "- [ ] book a stall\n- [x] done", "[ ] book a stall.\n[x] done."},
		{"nested list", "- outer\n  - inner", "outer.\ninner."},
		{"lazy continuation", "- an item\n  that continues", "an item that continues."},
		{"minus in text", "-5 degrees and 3-4 people", "-5 degrees and 3-4 people."},
		{"block quote", "> Quoted words\n> more\n\n>> deeper", "Quoted words more.\ndeeper."},
		{"thematic breaks", "Above\n\n---\n\n***\n\n___\n\nBelow", "Above.\nBelow."},
		{"fenced code", "Before\n```go\nfmt.Println(\"hi\")\n```\nAfter", "Before.\nfmt.Println(\"hi\").\nAfter."},
		{"tilde fence", "~~~\ncode *stays*\n~~~", "code *stays*."},
		{"unclosed fence", "```\ncode", "code."},
		{"table", "| Name | Age |\n|---|:--:|\n| Ann | 4 |\n| Bo \\| Jo | |\n\nAfter", "Name, Age.\nAnn, 4.\nBo | Jo.\nAfter."},
		{"table without outer pipes", "Name | Age\n--- | ---\nAnn | 4", "Name, Age.\nAnn, 4."},
		{"html tags", "Some <strong>strong</strong> words<br>and <div class=\"x\">block</div>", "Some strong words and block."},
		{"html comment", "a <!-- hidden\nnote --> b", "a b."},
		{"autolinks", "Mail <help@example.org> or <https://example.org/x>", "Mail help@example.org or https://example.org/x."},
		{"less than", "a < b and 3<4 and x <y", "a < b and 3<4 and x <y."},
		{"entities", "Fish &amp; chips &copy; &#65;", "Fish & chips © A."},
		// goldmark ends lines at "\n" and "\r\n" but not at a lone "\r", so the
		// page shows "Text" and "More" as one paragraph; so does the search text.
		{"crlf", "# Head\r\nText\r\rMore", "Head.\nText More."},
		{"crlf blank line", "# Head\r\nText\r\n\r\nMore", "Head.\nText.\nMore."},
		{"hard break", "line one\\\nline two", "line one line two."},
		{"html block", "<div class=\"x\">\n<p>One &amp; two</p><p>Three</p>\n</div>\n\nAfter", "One & two.\nThree.\nAfter."},
		{"html block script", "<script>\nalert(\"x\")\n</script>\n\nText", "Text."},
		{"html comment block", "<!--\nnot shown\n-->\nText", "Text."},
		{"bare url", "See https://example.org/x or www.example.org today", "See https://example.org/x or www.example.org today."},
		{"table cell markup", "| [Site](/s) | `code` |\n|---|---|\n| **a** | ![b](/b.png) |", "Site, code.\na, b."},
		{"quoted list", "> - one\n> - two", "one.\ntwo."},
		{"loose list", "- one\n\n  more\n- two", "one.\nmore.\ntwo."},
		{"indented code", "Text\n\n    code  here\n    next", "Text.\ncode here next."},
		{"code span keeps escapes", "`a \\* &amp; b`", "a \\* &amp; b."},
		{"invalid utf-8", "caf\xe9 menu", "caf\ufffd menu."},
		{"unicode", "## Café’s menu\nÅsa’s _naïve_ résumé", "Café’s menu.\nÅsa’s naïve résumé."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := PlainText(tc.in); got != tc.want {
				t.Errorf("PlainText(%q)\n got %q\nwant %q", tc.in, got, tc.want)
			}
		})
	}
}

// words returns the runs of letters and digits in s.
func words(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

func FuzzPlainText(f *testing.F) {
	for _, s := range []string{
		"", "## What this means\nThe places [we live](/objectives/x) matter.",
		"- a\n- **b**\n\n> c\n\n```\nd\n```", "| a | b |\n|---|---|\n| c | d |",
		"[[[[[", "](((", "<a href='x'>y</a> <!-- z", "`` ` ``", "\\", "![x](y \"z\")", "&amp;&#0;",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out := PlainText(in)
		if !utf8.ValidString(in) {
			return // stored bodies are valid UTF-8 (Validate); it only must not panic
		}
		if !utf8.ValidString(out) {
			t.Fatalf("PlainText(%q) = %q: invalid UTF-8", in, out)
		}
		// Nothing is invented: the output has no more letters and digits
		// than the input has, counting decoded character references too.
		if got, limit := wordRunes(out), wordRunes(in)+wordRunes(html.UnescapeString(in)); got > limit {
			t.Fatalf("PlainText(%q) = %q: %d letters and digits from %d", in, out, got, limit)
		}
		// Text without Markdown syntax keeps every word, in order.
		if !strings.ContainsAny(in, "\\`*_~![]()<>&#|-+=:\"'0123456789") {
			if got, want := strings.Join(words(out), " "), strings.Join(words(in), " "); got != want {
				t.Fatalf("PlainText(%q) = %q: words %q, want %q", in, out, got, want)
			}
		}
	})
}

// wordRunes counts the letters and digits in s.
func wordRunes(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			n++
		}
	}
	return n
}
