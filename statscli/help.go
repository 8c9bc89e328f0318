package statscli

import (
	"bytes"
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"
)

// generalHelp is the conventions section of `het stats --help`.
const generalHelp = `Usage: het stats METHOD [flags] [FILE]
       het stats METHOD --help

Computes public-health statistics (PHEindicatormethods, Fingertips and WHO
HEAT methods) from a CSV table. Reads FILE, or standard input when FILE is
absent or "-", and writes CSV to standard output.

Conventions:
  - Columns are found by header name; the order does not matter and extra
    columns are allowed.
  - Numbers use a dot as the decimal point. An empty cell, NA or NaN is a
    missing value; missing outputs are written as empty cells (read them in
    R with read.csv(..., na.strings = "")).
  - Numbers are written in the shortest form that reads back exactly
    (e.g. 0.1, 1e+06).
  - Row-level methods (proportion, rate, compare, quantile, funnel,
    life-expectancy) write one output row per input row, keeping every input
    column and appending the outputs. proportion and rate with --group-by
    first sum numerators and denominators and write one row per group (the
    group columns followed by the outputs).
  - Group-level methods (mean, dsr, isr, smr, sii, heat, trend) write one
    row per group: the --group-by columns followed by the outputs. Without
    --group-by the whole input is one group.
  - Groups appear in the order of their first row in the input.
  - An output column with the same name as a kept input column replaces it.
  - Confidence limits are named as in PHEindicatormethods: with one level
    lowercl and uppercl; with 95 and 99.8 lower95_0cl, upper95_0cl,
    lower99_8cl, upper99_8cl.
  - On any error nothing is written to standard output; the message names
    the input as FILE:LINE:COL: column "NAME": reason, and the command
    exits non-zero.

Methods:
`

// writeGeneralHelp writes the conventions and the method list.
func writeGeneralHelp(w io.Writer) {
	io.WriteString(w, generalHelp)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, m := range sortedMethods() {
		fmt.Fprintf(tw, "  %s\t%s\n", m.name, m.summary)
	}
	tw.Flush()
	io.WriteString(w, "\nRun het stats METHOD --help for the method's columns and flags.\n")
}

// writeHelp writes the help for one method: usage, description, which rows
// are written, input and output columns and flags.
func writeHelp(w io.Writer, m *method) error {
	var b bytes.Buffer
	usage := "het stats " + m.name + " [flags]"
	for _, a := range m.args {
		usage += " " + a
	}
	fmt.Fprintf(&b, "Usage: %s [FILE]\n\n%s\n\n", usage, wrap(strings.ToUpper(m.summary[:1])+m.summary[1:]+". "+m.about, 76))
	fmt.Fprintf(&b, "Rows written:\n%s\n\n", indent(wrap(m.rows, 74), "  "))
	docCols(&b, "Input columns (by header name; others are kept or ignored):", m.inputs)
	docCols(&b, "Output columns:", m.outputs)
	b.WriteString("Flags:\n")
	fs := newFlagSet(m)
	fs.String("group-by", "", "comma-separated columns to group by, e.g. `area,sex`")
	m.setup(fs)
	fs.SetOutput(&b)
	fs.PrintDefaults()
	_, err := b.WriteTo(w)
	return err
}

func docCols(b *bytes.Buffer, title string, cols []colDoc) {
	b.WriteString(title + "\n")
	tw := tabwriter.NewWriter(b, 0, 0, 2, ' ', 0)
	for _, c := range cols {
		lines := strings.Split(wrap(c.doc, 56), "\n")
		fmt.Fprintf(tw, "  %s\t%s\n", c.name, lines[0])
		for _, l := range lines[1:] {
			fmt.Fprintf(tw, "  \t%s\n", l)
		}
	}
	tw.Flush()
	b.WriteString("\n")
}

// wrap breaks text into lines of at most width characters at spaces.
func wrap(s string, width int) string {
	var out, line strings.Builder
	for _, word := range strings.Fields(s) {
		if line.Len() > 0 && line.Len()+1+len([]rune(word)) > width {
			out.WriteString(line.String() + "\n")
			line.Reset()
		}
		if line.Len() > 0 {
			line.WriteString(" ")
		}
		line.WriteString(word)
	}
	out.WriteString(line.String())
	return out.String()
}

func indent(s, pre string) string {
	return pre + strings.ReplaceAll(s, "\n", "\n"+pre)
}

// helpOrder is the order methods are listed in; others follow by name.
var helpOrder = []string{"proportion", "rate", "mean", "dsr", "isr", "smr", "life-expectancy",
	"quantile", "sii", "heat", "compare", "trend", "funnel"}

// sortedMethods returns the registry in help order.
func sortedMethods() []*method {
	out := slices.Clone(methods)
	rank := func(m *method) int {
		if i := slices.Index(helpOrder, m.name); i >= 0 {
			return i
		}
		return len(helpOrder)
	}
	slices.SortStableFunc(out, func(a, b *method) int {
		if c := cmp.Compare(rank(a), rank(b)); c != 0 {
			return c
		}
		return strings.Compare(a.name, b.name)
	})
	return out
}
