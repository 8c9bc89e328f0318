package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
)

// newFlagSet returns a FlagSet for one verb whose usage lists every flag with
// the HET_* environment variable it defaults from. parseFlags decides where
// its messages go: help to standard output, errors to standard error.
func newFlagSet(name, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: het %s\n\nFlags (each defaults from the environment variable shown):\n", synopsis)
		fs.VisitAll(func(f *flag.Flag) {
			def := ""
			if f.DefValue != "" {
				def = fmt.Sprintf(" (default %q)", f.DefValue)
			}
			fmt.Fprintf(fs.Output(), "  --%s  [%s]%s\n      %s\n", f.Name, envName(f.Name), def, f.Usage)
		})
	}
	return fs
}

// envName maps a flag name to its environment variable: listen → HET_LISTEN,
// base-url → HET_BASE_URL.
func envName(flagName string) string {
	return "HET_" + strings.ToUpper(strings.ReplaceAll(flagName, "-", "_"))
}

// parseFlags sets every flag from its HET_* variable when that is set, then
// parses args, so the command line wins over the environment. Requested help
// is printed to stdout; a flag error and the usage go to stderr.
func parseFlags(fs *flag.FlagSet, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	var envErr error
	fs.VisitAll(func(f *flag.Flag) {
		if envErr != nil {
			return
		}
		if v := getenv(envName(f.Name)); v != "" {
			if err := fs.Set(f.Name, v); err != nil {
				envErr = fmt.Errorf("%s=%q: %v", envName(f.Name), v, err)
			}
		}
	})
	if envErr != nil {
		return envErr
	}
	var msg bytes.Buffer
	fs.SetOutput(&msg)
	err := fs.Parse(args)
	fs.SetOutput(stderr)
	if errors.Is(err, flag.ErrHelp) {
		stdout.Write(msg.Bytes())
		return errHelp
	}
	if err != nil {
		stderr.Write(msg.Bytes())
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	return nil
}
