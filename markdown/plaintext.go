package markdown

import (
	"bufio"
	"bytes"
	"strings"
	"sync"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"golang.org/x/net/html"
)

// plainMarkdown is the goldmark PlainText parses with: the same configuration
// as a Renderer's. goldmark.Markdown is safe for concurrent use.
var plainMarkdown = sync.OnceValue(newGoldmark)

// PlainText reduces a Markdown body to the words a reader sees, for the
// search index and its snippets. It parses src exactly as the page renderer
// does and walks the tree: links become their text, images their alt text,
// code spans and code blocks their contents, tables their cells' text; URLs,
// reference definitions, emphasis, heading markers, list bullets, block quote
// markers and HTML tags are dropped (raw HTML keeps its text).
//
// Each block (heading, paragraph, list item, table row, code block, HTML
// block) becomes one line, its whitespace collapsed, ending like a sentence
// ("." is added unless it already ends with ., !, ?, : or ;), so a heading
// never runs into the paragraph after it: "## Heading\nText" reads
// "Heading.\nText.". A table row's cells are joined with ", ".
//
// The result is always valid UTF-8.
func PlainText(src string) string {
	if strings.TrimSpace(src) == "" {
		return ""
	}
	source := []byte(src)
	doc := plainMarkdown().Parser().Parse(text.NewReader(source))
	p := plainer{source: source}
	_ = ast.Walk(doc, p.visit)
	p.endBlock()
	return strings.ToValidUTF8(strings.Join(p.blocks, "\n"), "\uFFFD")
}

// plainer collects PlainText's output while it walks the tree.
type plainer struct {
	source []byte
	blocks []string        // finished blocks, one line each
	cur    strings.Builder // text of the block (or table cell) being read
	cells  []string        // finished cells of the table row being read
}

// visit is PlainText's ast.Walker.
func (p *plainer) visit(n ast.Node, entering bool) (ast.WalkStatus, error) {
	switch n := n.(type) {
	case *ast.Heading, *ast.Paragraph, *ast.TextBlock, *ast.ListItem, *ast.List,
		*ast.Blockquote, *ast.ThematicBreak:
		p.endBlock()
	case *ast.CodeBlock, *ast.FencedCodeBlock:
		// The info string after a fence (a language name) is not text.
		if !entering {
			break
		}
		p.endBlock()
		p.writeLines(n.Lines())
		p.endBlock()
		return ast.WalkSkipChildren, nil
	case *ast.HTMLBlock:
		if !entering {
			break
		}
		p.endBlock()
		var raw bytes.Buffer
		lines := n.Lines()
		for i := range lines.Len() {
			seg := lines.At(i)
			raw.Write(seg.Value(p.source))
		}
		if n.HasClosure() {
			raw.Write(n.ClosureLine.Value(p.source))
		}
		p.writeHTML(raw.Bytes(), true)
		p.endBlock()
		return ast.WalkSkipChildren, nil
	case *east.TableHeader, *east.TableRow:
		if entering {
			p.endBlock()
			p.cells = p.cells[:0]
			return ast.WalkContinue, nil
		}
		p.cur.Reset()
		p.cur.WriteString(strings.Join(p.cells, ", "))
		p.endBlock()
	case *east.TableCell:
		if entering {
			p.cur.Reset()
			return ast.WalkContinue, nil
		}
		if cell := collapse(p.cur.String()); cell != "" {
			p.cells = append(p.cells, cell)
		}
		p.cur.Reset()
	case *ast.Text:
		if !entering {
			break
		}
		if n.IsRaw() { // inside a code span: backslashes and entities are literal
			p.cur.Write(n.Value(p.source))
		} else {
			p.writeText(n.Value(p.source))
		}
		if n.SoftLineBreak() || n.HardLineBreak() {
			p.cur.WriteByte(' ')
		}
	case *ast.String:
		if !entering {
			break
		}
		if n.IsCode() || n.IsRaw() {
			p.cur.Write(n.Value)
		} else {
			p.writeText(n.Value)
		}
	case *ast.AutoLink:
		if entering {
			p.cur.Write(n.Label(p.source)) // what the page shows: the address as written
		}
		return ast.WalkSkipChildren, nil
	case *ast.RawHTML:
		if entering {
			var raw bytes.Buffer
			for i := range n.Segments.Len() {
				seg := n.Segments.At(i)
				raw.Write(seg.Value(p.source))
			}
			p.writeHTML(raw.Bytes(), false)
		}
		return ast.WalkSkipChildren, nil
	}
	return ast.WalkContinue, nil
}

// endBlock finishes the block being read, if it has any text, as one line
// ending like a sentence.
func (p *plainer) endBlock() {
	s := collapse(p.cur.String())
	p.cur.Reset()
	if s == "" {
		return
	}
	if !endsSentence(s) {
		s += "."
	}
	p.blocks = append(p.blocks, s)
}

// writeLines writes a code block's lines verbatim.
func (p *plainer) writeLines(lines *text.Segments) {
	for i := range lines.Len() {
		seg := lines.At(i)
		p.cur.Write(seg.Value(p.source))
		p.cur.WriteByte(' ')
	}
}

// writeText writes Markdown text with its backslash escapes and character
// references resolved, by goldmark's own HTML writer (so exactly as the page
// shows them) and then unescaping the HTML that writer produces.
func (p *plainer) writeText(b []byte) {
	if !bytes.ContainsAny(b, "\\&\x00") {
		p.cur.Write(b)
		return
	}
	var buf bytes.Buffer
	w := bufio.NewWriter(&buf)
	gmhtml.DefaultWriter.Write(w, b)
	_ = w.Flush()
	p.cur.WriteString(html.UnescapeString(buf.String()))
}

// writeHTML writes the text in raw HTML without its tags, comments or the
// contents of script-like elements. Block-level tags and <br> separate
// words; in an HTML block (block true) a block-level tag ends a line.
func (p *plainer) writeHTML(raw []byte, block bool) {
	z := html.NewTokenizer(bytes.NewReader(raw))
	skip := "" // the element whose contents are not text, while inside it
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return
		case html.TextToken:
			if skip == "" {
				p.cur.Write(z.Text())
			}
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			tag := string(name)
			switch {
			case skip != "":
				if tag == skip {
					skip = ""
				}
			case skipContent[tag]:
				if tt == html.StartTagToken {
					skip = tag
				}
			case blockTags[tag] && block:
				p.endBlock()
			case blockTags[tag] || tag == "br":
				p.cur.WriteByte(' ')
			}
		}
	}
}

// skipContent are the elements whose contents a reader never sees as text.
var skipContent = map[string]bool{
	"script": true, "style": true, "template": true, "noscript": true,
	"iframe": true, "object": true, "title": true, "textarea": true,
}

// blockTags are the HTML elements that start or end a block of text.
var blockTags = map[string]bool{
	"address": true, "article": true, "aside": true, "blockquote": true,
	"caption": true, "dd": true, "details": true, "div": true, "dl": true,
	"dt": true, "fieldset": true, "figcaption": true, "figure": true,
	"footer": true, "form": true, "h1": true, "h2": true, "h3": true,
	"h4": true, "h5": true, "h6": true, "header": true, "hr": true, "li": true,
	"main": true, "nav": true, "ol": true, "p": true, "pre": true,
	"section": true, "summary": true, "table": true, "td": true, "th": true,
	"tr": true, "ul": true,
}

// collapse trims s and turns each run of whitespace in it into one space.
func collapse(s string) string {
	return strings.Join(strings.Fields(s), " ")
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
