package het

import (
	"html"
	"strings"
)

// PlainText reduces a Markdown body to the words a reader sees, for the
// search index and its snippets. Links and images become their text and alt
// text, URLs in link destinations and reference definitions are dropped, and
// heading markers, emphasis, code ticks, list bullets, block quotes, table
// pipes and HTML tags are removed. Each block (heading, paragraph, list item,
// table row, code block) becomes one line ending like a sentence, so a
// heading never runs into the paragraph after it.
//
// It is a small reducer, not a CommonMark parser: it keeps every word of the
// text, never panics, and turns valid UTF-8 into valid UTF-8 (it only removes
// ASCII bytes and adds ASCII punctuation and spaces, besides decoding HTML
// character references).
func PlainText(markdown string) string {
	var p plainer
	markdown = strings.ReplaceAll(markdown, "\r\n", "\n")
	markdown = strings.ReplaceAll(markdown, "\r", "\n")
	for line := range strings.SplitSeq(markdown, "\n") {
		p.line(line)
	}
	if p.fence != "" {
		p.flush(true)
	}
	p.flush(false)
	return strings.Join(p.out, "\n")
}

// plainer holds PlainText's state between lines.
type plainer struct {
	out   []string // finished blocks
	buf   []string // lines of the block being read
	fence string   // the opening fence while inside a fenced code block
	table bool     // inside a table: each line is a row
}

func (p *plainer) line(line string) {
	if p.fence != "" {
		if t := strings.TrimSpace(line); strings.HasPrefix(t, p.fence) && strings.Trim(t, p.fence[:1]) == "" {
			p.flush(true)
			p.fence = ""
			return
		}
		p.buf = append(p.buf, line)
		return
	}
	t := strings.TrimLeft(line, " \t")
	for strings.HasPrefix(t, ">") { // block quotes: the quoted text is text
		t = strings.TrimLeft(t[1:], " \t")
	}
	t = strings.TrimRight(t, " \t")
	switch {
	case t == "":
		p.flush(false)
		p.table = false
	case strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~"):
		p.flush(false)
		n := len(t) - len(strings.TrimLeft(t, t[:1]))
		p.fence = t[:n] // the info string after it (a language name) is not text
	case len(p.buf) > 0 && (strings.Trim(t, "=") == "" || strings.Trim(t, "-") == ""):
		p.flush(false) // a setext underline ends its heading
	case isRule(t, '-'), isRule(t, '*'), isRule(t, '_'):
		p.flush(false) // thematic break
	case isTableDelimiter(t):
		// The line above was the header row: the table's first row.
		var header string
		if n := len(p.buf); n > 0 {
			header = p.buf[n-1]
			p.buf = p.buf[:n-1]
		}
		p.flush(false)
		p.buf = append(p.buf, tableRow(header))
		p.flush(false)
		p.table = true
	case p.table || strings.HasPrefix(t, "|"):
		p.flush(false)
		p.buf = append(p.buf, tableRow(t))
		p.flush(false)
	case isRefDefinition(t):
		// [label]: destination "title" shows nothing
	default:
		if rest, ok := heading(t); ok {
			p.flush(false)
			p.buf = append(p.buf, rest)
			p.flush(false)
			return
		}
		if rest, ok := listItem(t); ok {
			p.flush(false)
			t = rest
		}
		p.buf = append(p.buf, t)
	}
}

// flush ends the current block. Code (raw) is kept verbatim; anything else
// loses its inline syntax.
func (p *plainer) flush(raw bool) {
	if len(p.buf) == 0 {
		return
	}
	s := strings.Join(p.buf, "\n")
	p.buf = p.buf[:0]
	if !raw {
		s = html.UnescapeString(inline(s))
	}
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		return
	}
	if !endsSentence(s) {
		s += "."
	}
	p.out = append(p.out, s)
}

// endsSentence reports whether s already ends with a full stop or the like,
// perhaps inside closing quotes or brackets.
func endsSentence(s string) bool {
	s = strings.TrimRight(s, `"')]”’*_`)
	if s == "" {
		return false
	}
	switch s[len(s)-1] {
	case '.', '!', '?', ':', ';':
		return true
	}
	return strings.HasSuffix(s, "…")
}

// isRule reports whether t is three or more c, perhaps spaced out, and
// nothing else.
func isRule(t string, c byte) bool {
	n := 0
	for i := 0; i < len(t); i++ {
		switch t[i] {
		case c:
			n++
		case ' ', '\t':
		default:
			return false
		}
	}
	return n >= 3
}

// isTableDelimiter reports whether t is a GFM table's delimiter row, such as
// "|---|:--:|" or "--- | ---".
func isTableDelimiter(t string) bool {
	return strings.Contains(t, "|") && strings.Contains(t, "-") && strings.Trim(t, "|-: \t") == ""
}

// tableRow turns a table row into its cells' text, separated by commas.
func tableRow(t string) string {
	t = strings.TrimSuffix(strings.TrimPrefix(t, "|"), "|")
	var cells []string
	start := 0
	for i := 0; i < len(t); i++ {
		switch t[i] {
		case '\\':
			i++
		case '|':
			cells = append(cells, t[start:i])
			start = i + 1
		}
	}
	cells = append(cells, t[start:])
	var kept []string
	for _, c := range cells {
		if c = strings.TrimSpace(c); c != "" {
			kept = append(kept, c)
		}
	}
	return strings.Join(kept, ", ")
}

// heading returns the text of an ATX heading ("## Text ##").
func heading(t string) (string, bool) {
	n := 0
	for n < len(t) && t[n] == '#' {
		n++
	}
	if n == 0 || n > 6 || (n < len(t) && t[n] != ' ' && t[n] != '\t') {
		return "", false
	}
	rest := strings.TrimSpace(t[n:])
	if closed := strings.TrimRight(rest, "#"); closed == "" || strings.HasSuffix(closed, " ") || strings.HasSuffix(closed, "\t") {
		rest = strings.TrimSpace(closed)
	}
	return rest, true
}

// listItem returns the text of a list item ("- text", "1. text", "- [x]
// text").
func listItem(t string) (string, bool) {
	n := 0
	switch {
	case t[0] == '-' || t[0] == '*' || t[0] == '+':
		n = 1
	default:
		for n < len(t) && n < 9 && t[n] >= '0' && t[n] <= '9' {
			n++
		}
		if n == 0 || n >= len(t) || (t[n] != '.' && t[n] != ')') {
			return "", false
		}
		n++
	}
	if n < len(t) && t[n] != ' ' && t[n] != '\t' {
		return "", false
	}
	rest := strings.TrimLeft(t[n:], " \t")
	for _, box := range []string{"[ ] ", "[x] ", "[X] "} {
		rest = strings.TrimPrefix(rest, box)
	}
	return rest, true
}

// isRefDefinition reports whether t is a link reference definition,
// "[label]: destination" with perhaps a quoted title.
func isRefDefinition(t string) bool {
	if !strings.HasPrefix(t, "[") || strings.HasPrefix(t, "[^") {
		return false
	}
	end := strings.Index(t, "]:")
	if end <= 1 || strings.ContainsAny(t[1:end], "[]") {
		return false
	}
	dest, title, _ := strings.Cut(strings.TrimSpace(t[end+2:]), " ")
	if dest == "" {
		return false
	}
	title = strings.TrimSpace(title)
	return title == "" || len(title) >= 2 && strings.ContainsAny(title[:1], `"'(`) && strings.ContainsAny(title[len(title)-1:], `"')`)
}

// maxScan bounds how far ahead inline looks for a closing bracket, tick or
// angle bracket, so pathological input stays linear.
const maxScan = 1024

// inline removes the inline syntax of one block's text.
func inline(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	// skips holds the link destinations to jump over: at skips[i].from,
	// continue after skips[i].to. They nest, innermost last.
	type skip struct{ from, to int }
	var skips []skip
	// nextClose, nextGT and nextParen are the positions of the next ], > and
	// ) at or after the current [, < or link destination (len(s) for none),
	// so that a run of openers with no closer in reach is dismissed without
	// scanning ahead for each.
	nextClose, nextGT, nextParen := -1, -1, -1
	for i := 0; i < len(s); i++ {
		for len(skips) > 0 && skips[len(skips)-1].from < i {
			skips = skips[:len(skips)-1] // jumped past by a code span
		}
		if n := len(skips); n > 0 && i == skips[n-1].from {
			i = skips[n-1].to
			skips = skips[:n-1]
			continue
		}
		c := s[i]
		switch c {
		case '\\':
			if i+1 < len(s) && isASCIIPunct(s[i+1]) {
				b.WriteByte(s[i+1])
				i++
			} else {
				b.WriteByte(' ') // a hard line break, or a lone backslash
			}
		case '`':
			n := run(s, i, '`')
			if end := closingTicks(s, i+n, n); end >= 0 {
				b.WriteString(s[i+n : end])
				i = end + n - 1
			} else {
				i += n - 1
			}
		case '*':
		case '_':
			n := run(s, i, '_')
			if i > 0 && i+n < len(s) && isWordByte(s[i-1]) && isWordByte(s[i+n]) {
				b.WriteString(s[i : i+n]) // snake_case is not emphasis
			}
			i += n - 1
		case '~':
			n := run(s, i, '~')
			if n == 1 {
				b.WriteByte('~')
			}
			i += n - 1
		case '!':
			if i+1 >= len(s) || s[i+1] != '[' {
				b.WriteByte('!')
			}
		case '[':
			if nextClose < i {
				nextClose = indexFrom(s, i, ']')
			}
			if nextClose == len(s) || nextClose-i > maxScan {
				continue
			}
			close := closingBracket(s, i)
			if close < 0 {
				continue
			}
			// The text is kept; what follows the ] names the target.
			var to int
			switch {
			case close+1 < len(s) && s[close+1] == '(':
				if nextParen <= close {
					nextParen = indexFrom(s, close+1, ')')
				}
				to = -1
				if nextParen < len(s) && nextParen-close <= maxScan {
					to = closingParen(s, close+1)
				}
			case close+1 < len(s) && s[close+1] == '[':
				to = closingBracket(s, close+1)
			default:
				to = close
			}
			if to < 0 {
				to = close
			}
			if n := len(skips); n == 0 || close < skips[n-1].from {
				skips = append(skips, skip{close, to})
			}
		case '<':
			if nextGT < i {
				nextGT = indexFrom(s, i, '>')
			}
			end := nextGT
			if end == len(s) || end-i > maxScan {
				b.WriteByte('<')
				continue
			}
			inner := s[i+1 : end]
			switch {
			case strings.HasPrefix(inner, "!--"):
				e := strings.Index(s[i:], "-->")
				if e < 0 {
					b.WriteByte('<')
					continue
				}
				i += e + 2
			case isAutolink(inner):
				b.WriteString(inner)
				i = end
			case isTag(inner):
				if !inlineTag(inner) {
					b.WriteByte(' ')
				}
				i = end
			default:
				b.WriteByte('<')
			}
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// indexFrom returns the index of the first c in s at or after i, or len(s).
func indexFrom(s string, i int, c byte) int {
	if j := strings.IndexByte(s[i:], c); j >= 0 {
		return i + j
	}
	return len(s)
}

// run returns the number of c starting at s[i].
func run(s string, i int, c byte) int {
	n := 0
	for i+n < len(s) && s[i+n] == c {
		n++
	}
	return n
}

// closingTicks returns the index of the next run of exactly n backticks at
// or after from, or -1.
func closingTicks(s string, from, n int) int {
	limit := min(len(s), from+maxScan)
	for i := from; i < limit; {
		if s[i] != '`' {
			i++
			continue
		}
		m := run(s, i, '`')
		if m == n {
			return i
		}
		i += m
	}
	return -1
}

// closingBracket returns the index of the ] matching the [ at s[open], or -1.
func closingBracket(s string, open int) int {
	depth := 0
	limit := min(len(s), open+maxScan)
	for i := open; i < limit; i++ {
		switch s[i] {
		case '\\':
			i++
		case '[':
			depth++
		case ']':
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}

// closingParen returns the index of the ) ending the link destination that
// starts with the ( at s[open], or -1. A destination has no unbalanced
// parentheses and no line break outside its title.
func closingParen(s string, open int) int {
	depth := 0
	limit := min(len(s), open+maxScan)
	quote := byte(0)
	for i := open; i < limit; i++ {
		c := s[i]
		switch {
		case c == '\\':
			i++
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' && depth == 1:
			quote = c
		case c == '(':
			depth++
		case c == ')':
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}

// isTag reports whether the text between < and > is an HTML open or
// close tag: a name of letters, digits and hyphens, then attributes.
func isTag(inner string) bool {
	inner = strings.TrimPrefix(inner, "/")
	if inner == "" || !(inner[0] >= 'a' && inner[0] <= 'z' || inner[0] >= 'A' && inner[0] <= 'Z') {
		return false
	}
	for i := 1; i < len(inner); i++ {
		switch c := inner[i]; {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '-':
		case c == ' ', c == '\t', c == '\n', c == '/':
			return true
		default:
			return false
		}
	}
	return true
}

// isAutolink reports whether the text between < and > is a URL or an email
// address, which Markdown shows as a link.
func isAutolink(inner string) bool {
	if inner == "" || strings.ContainsAny(inner, " \t\n<") {
		return false
	}
	if scheme, _, ok := strings.Cut(inner, ":"); ok && len(scheme) >= 2 && len(scheme) <= 32 {
		c := scheme[0]
		return (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') && strings.Trim(scheme, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+.-") == ""
	}
	return strings.Contains(inner, "@")
}

// inlineTag reports whether the tag (without its angle brackets) is one that
// sits inside running text, so removing it must not separate words.
func inlineTag(inner string) bool {
	name := strings.TrimPrefix(inner, "/")
	if i := strings.IndexAny(name, " \t\n/"); i >= 0 {
		name = name[:i]
	}
	switch strings.ToLower(name) {
	case "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "i", "ins", "kbd",
		"mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var":
		return true
	}
	return false
}

func isASCIIPunct(c byte) bool {
	return c >= '!' && c <= '/' || c >= ':' && c <= '@' || c >= '[' && c <= '`' || c >= '{' && c <= '~'
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}
