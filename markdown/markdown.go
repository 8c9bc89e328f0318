// Package markdown turns the Markdown bodies editors write into what readers
// see: sanitised HTML styled with GOV.UK Frontend classes for pages
// (Renderer), and plain text for the search index (PlainText). Both read a
// body with the same goldmark parser, so a page and its search text never
// disagree about what the Markdown means.
//
// Rendering is goldmark with GitHub-flavoured tables, strikethrough and
// linkified URLs (no heading IDs, raw HTML dropped); an AST pass shifts
// headings so the body never has its own h1 and adds the GOV.UK classes; the
// result then goes through bluemonday's UGC policy, which allows only those
// classes. Output is safe to place in a page as template.HTML.
package markdown

import (
	"bytes"
	"hash/maphash"
	"html/template"
	"regexp"
	"sync"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Renderer converts Markdown to sanitised HTML. It keeps a small cache of
// recent results, since the same bodies are rendered on every page view. A
// Renderer is safe for concurrent use.
type Renderer struct {
	md     goldmark.Markdown
	policy *bluemonday.Policy
	seed   maphash.Seed

	mu    sync.Mutex
	cache map[uint64]cached
}

type cached struct {
	src  string
	html template.HTML
}

// cacheSize bounds the cache; when full it is emptied and refilled.
const cacheSize = 512

// New returns a Renderer.
func New() *Renderer {
	return &Renderer{md: newGoldmark(), policy: Policy(), seed: maphash.MakeSeed(), cache: map[uint64]cached{}}
}

// newGoldmark returns the goldmark configuration every reading of a body
// uses, for pages (Renderer) and for search text (PlainText) alike, so the two
// never disagree about what the Markdown means.
func newGoldmark() goldmark.Markdown {
	return goldmark.New(
		goldmark.WithExtensions(
			extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignAttribute)),
			extension.Strikethrough,
			extension.Linkify,
		),
		goldmark.WithParserOptions(
			parser.WithASTTransformers(util.Prioritized(govukClasses{}, 100)),
		),
	)
}

// classPattern is what the sanitiser lets through in a class attribute: GOV.UK
// Frontend classes only.
var classPattern = regexp.MustCompile(`^govuk-[a-z0-9_-]+(?: govuk-[a-z0-9_-]+)*$`)

// Policy returns the sanitising policy: bluemonday's UGC policy plus GOV.UK
// class names.
func Policy() *bluemonday.Policy {
	p := bluemonday.UGCPolicy()
	p.AllowAttrs("class").Matching(classPattern).Globally()
	p.AllowURLSchemes("http", "https", "mailto")
	return p
}

// Render converts src to sanitised HTML.
func (r *Renderer) Render(src string) template.HTML {
	if src == "" {
		return ""
	}
	key := maphash.String(r.seed, src)
	r.mu.Lock()
	c, ok := r.cache[key]
	r.mu.Unlock()
	if ok && c.src == src {
		return c.html
	}
	out := r.render(src)
	r.mu.Lock()
	if len(r.cache) >= cacheSize {
		clear(r.cache)
	}
	r.cache[key] = cached{src: src, html: out}
	r.mu.Unlock()
	return out
}

func (r *Renderer) render(src string) template.HTML {
	var buf bytes.Buffer
	if err := r.md.Convert([]byte(src), &buf); err != nil {
		// goldmark only fails when the writer fails; a bytes.Buffer does not.
		return template.HTML(template.HTMLEscapeString(src))
	}
	return template.HTML(r.policy.SanitizeBytes(buf.Bytes())) //nolint:gosec // sanitised above
}

// govukClasses is an AST transformer that demotes headings so the shallowest
// is an h2 (the page title is the only h1) and adds GOV.UK classes.
type govukClasses struct{}

// Transform implements parser.ASTTransformer.
func (govukClasses) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) {
	minLevel := 7
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*ast.Heading); ok && entering && h.Level < minLevel {
			minLevel = h.Level
		}
		return ast.WalkContinue, nil
	})
	shift := 0
	if minLevel < 7 {
		shift = 2 - minLevel
	}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			n.Level = min(max(n.Level+shift, 2), 6)
			n.SetAttributeString("class", headingClass(n.Level))
		case *ast.Paragraph:
			if _, inList := n.Parent().(*ast.ListItem); !inList {
				n.SetAttributeString("class", "govuk-body")
			}
		case *ast.List:
			if n.IsOrdered() {
				n.SetAttributeString("class", "govuk-list govuk-list--number")
			} else {
				n.SetAttributeString("class", "govuk-list govuk-list--bullet")
			}
		case *ast.Link, *ast.AutoLink:
			n.SetAttributeString("class", "govuk-link")
		case *ast.Blockquote:
			n.SetAttributeString("class", "govuk-inset-text")
		case *ast.ThematicBreak:
			n.SetAttributeString("class", "govuk-section-break govuk-section-break--m govuk-section-break--visible")
		case *east.Table:
			n.SetAttributeString("class", "govuk-table")
		case *east.TableHeader:
			n.SetAttributeString("class", "govuk-table__head")
		case *east.TableRow:
			n.SetAttributeString("class", "govuk-table__row")
		case *east.TableCell:
			if _, head := n.Parent().(*east.TableHeader); head {
				n.SetAttributeString("class", "govuk-table__header")
			} else {
				n.SetAttributeString("class", "govuk-table__cell")
			}
		}
		return ast.WalkContinue, nil
	})
}

func headingClass(level int) string {
	switch level {
	case 2:
		return "govuk-heading-l"
	case 3:
		return "govuk-heading-m"
	default:
		return "govuk-heading-s"
	}
}
