// Command het runs the Health Equity Town platform: the public hub server,
// the demo loader, database maintenance and the analyst's statistics tool.
//
// main is tiny on purpose: the program is run(), a value tests can call with
// their own arguments, environment and streams.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr)
	stop()
	if err != nil {
		if !errors.Is(err, errUsage) {
			fmt.Fprintln(os.Stderr, "het:", err)
		}
		os.Exit(exitCode(err))
	}
}

// errUsage marks errors whose message has already been printed (flag errors,
// help requested).
var errUsage = errors.New("usage")

// errHelp is returned when the user asked for help: exit 0.
var errHelp = fmt.Errorf("%w: help", errUsage)

func exitCode(err error) int {
	if errors.Is(err, errHelp) {
		return 0
	}
	if errors.Is(err, errUsage) {
		return 2
	}
	return 1
}

const usage = `het — the Health Equity Town platform

Usage:
  het <command> [flags] [arguments]

Commands:
  serve      run the public hub web server
  demo       load the Luton demo content into the database (idempotent)
  db         database maintenance: migrate, backup
  stats      compute statistics from CSV (proportion, rate, dsr, sii, heat...)
  version    print the version

Every flag also reads a HET_* environment variable (shown in each command's
--help); a flag given on the command line wins.
Run "het <command> --help" for a command's flags.
`

// run is the whole program. getenv replaces os.Getenv so tests control the
// environment.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return errUsage
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "serve":
		return runServe(ctx, rest, getenv, stdout, stderr)
	case "demo":
		return runDemo(ctx, rest, getenv, stdout, stderr)
	case "db":
		return runDB(ctx, rest, getenv, stdout, stderr)
	case "stats":
		return runStats(ctx, rest, stdin, stdout, stderr)
	case "version", "--version":
		fmt.Fprintln(stdout, "het", version)
		return nil
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	default:
		fmt.Fprintf(stderr, "het: unknown command %q\n\n%s", cmd, usage)
		return errUsage
	}
}

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"
