// Package statscli is the analyst's command line for het's statistics:
// `het stats METHOD [flags] [FILE]` reads CSV (FILE or standard input),
// computes one of the methods of package stats per row or per group, and
// writes CSV to standard output, keeping the input columns and appending
// the outputs under PHEindicatormethods' column names.
//
// Output is buffered and written only when the whole input has been
// processed without error, so a failing command writes nothing to standard
// output. Errors about the input name the file, line and column
// (FILE:LINE:COL: column "NAME": reason).
package statscli

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
)

// method describes one `het stats` method: its documentation and how to
// run it.
type method struct {
	name    string
	summary string   // one line for the method list
	about   string   // paragraph: formula and references
	rows    string   // which rows are written
	args    []string // positional arguments before FILE, e.g. MEASURE
	inputs  []colDoc
	outputs []colDoc
	// setup registers the method's flags and returns the function that runs it.
	setup func(fs *flag.FlagSet) runFunc
}

// colDoc documents one input or output column.
type colDoc struct{ name, doc string }

// runFunc runs a method. It should check its flags before calling
// j.input() so flag errors are reported without reading the input.
type runFunc func(ctx context.Context, j *job) (*Output, error)

// job carries what a method needs besides its own flags.
type job struct {
	groupBy []string
	args    []string // positional arguments before FILE
	file    string   // "" or "-" for standard input
	stdin   io.Reader
	stderr  io.Writer
	table   *Table
}

// input reads and returns the input table (once).
func (j *job) input() (*Table, error) {
	if j.table != nil {
		return j.table, nil
	}
	var (
		r    io.Reader = j.stdin
		name           = "<stdin>"
	)
	if j.file != "" && j.file != "-" {
		f, err := os.Open(j.file)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		r, name = f, j.file
	}
	t, err := ReadTable(r, name)
	if err != nil {
		return nil, err
	}
	j.table = t
	return t, nil
}

// warnf writes a warning line to standard error.
func (j *job) warnf(format string, args ...any) {
	fmt.Fprintf(j.stderr, "het stats: warning: "+format+"\n", args...)
}

// methods is the registry, in the order help lists them.
var methods []*method

// register adds a method to the registry (called from init in each file).
func register(m *method) { methods = append(methods, m) }

func lookup(name string) *method {
	for _, m := range methods {
		if m.name == name {
			return m
		}
	}
	return nil
}

// ErrUsage marks errors in how the command was invoked (unknown method or
// flag, bad flag value, wrong arguments), as opposed to bad input data.
var ErrUsage = errors.New("usage error")

func usageErr(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrUsage}, args...)...)
}

// Run executes `het stats` with args (the words after "stats"). Results go
// to stdout only on success; warnings go to stderr. Run does not print the
// error it returns; the caller should print it and exit non-zero.
func Run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		var b bytes.Buffer
		writeGeneralHelp(&b)
		b.WriteTo(stderr)
		return usageErr("het stats: no method given")
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		if len(args) > 1 && args[0] == "help" {
			if m := lookup(args[1]); m != nil {
				return writeHelp(stdout, m)
			}
			return usageErr("het stats: unknown method %q; methods are %s", args[1], methodNames())
		}
		var b bytes.Buffer
		writeGeneralHelp(&b)
		_, err := b.WriteTo(stdout)
		return err
	}
	m := lookup(args[0])
	if m == nil {
		return usageErr("het stats: unknown method %q; methods are %s (see het stats --help)", args[0], methodNames())
	}
	fs := newFlagSet(m)
	groupBy := fs.String("group-by", "", "comma-separated columns to group by, e.g. `area,sex`")
	run := m.setup(fs)
	pos, err := parseInterleaved(fs, args[1:])
	if errors.Is(err, flag.ErrHelp) {
		return writeHelp(stdout, m)
	}
	if err != nil {
		return usageErr("het stats %s: %v (see het stats %s --help)", m.name, err, m.name)
	}
	if len(pos) < len(m.args) {
		return usageErr("het stats %s: missing argument %s (see het stats %s --help)", m.name, m.args[len(pos)], m.name)
	}
	if len(pos) > len(m.args)+1 {
		return usageErr("het stats %s: too many arguments %q (one input FILE at most)", m.name, pos[len(m.args):])
	}
	j := &job{stdin: stdin, stderr: stderr, args: pos[:len(m.args)]}
	if len(pos) > len(m.args) {
		j.file = pos[len(m.args)]
	}
	for _, g := range strings.Split(*groupBy, ",") {
		if g = strings.TrimSpace(g); g != "" {
			if slices.Contains(j.groupBy, g) {
				return usageErr("het stats %s: --group-by names %q twice", m.name, g)
			}
			j.groupBy = append(j.groupBy, g)
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	out, err := run(ctx, j)
	if err != nil {
		return err
	}
	b, err := out.Encode()
	if err != nil {
		return err
	}
	_, err = stdout.Write(b)
	return err
}

// newFlagSet returns a silent flag set for m (Run reports errors itself).
func newFlagSet(m *method) *flag.FlagSet {
	fs := flag.NewFlagSet("het stats "+m.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

// parseInterleaved parses flags that may come before or after the
// positional arguments (`het stats rate in.csv --multiplier 1000`). A lone
// "--" ends flag parsing.
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		// flag stops at "--" (consumed) or at the first non-flag argument.
		if n := len(args) - len(rest); n > 0 && args[n-1] == "--" {
			return append(pos, rest...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

func methodNames() string {
	names := make([]string, len(methods))
	for i, m := range methods {
		names[i] = m.name
	}
	return strings.Join(names, ", ")
}
