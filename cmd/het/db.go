package main

import (
	"context"
	"fmt"
	"io"

	"het/store"
)

const dbUsage = `Usage:
  het db migrate [flags]        apply pending schema migrations
  het db backup [flags] FILE    write an online copy of a SQLite database to FILE
`

func runDB(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(stdout, dbUsage)
		if len(args) == 0 {
			return errUsage
		}
		return nil
	}
	sub, rest := args[0], args[1:]
	fs := newFlagSet("db "+sub, "db "+sub+" [flags]")
	dsn := fs.String("db", "het.db", "database: a SQLite file path, or a postgres:// URL")
	if err := parseFlags(fs, rest, getenv, stdout, stderr); err != nil {
		return err
	}
	log, err := newLogger(stderr, "text", "warn")
	if err != nil {
		return err
	}
	switch sub {
	case "migrate":
		if fs.NArg() != 0 {
			return fmt.Errorf("db migrate takes no arguments")
		}
		db, err := store.Open(ctx, *dsn, log) // Open applies pending migrations
		if err != nil {
			return err
		}
		defer db.Close()
		fmt.Fprintln(stdout, "het db: schema is up to date")
		return nil
	case "backup":
		if fs.NArg() != 1 {
			return fmt.Errorf("db backup needs one argument: the file to write")
		}
		db, err := store.Open(ctx, *dsn, log)
		if err != nil {
			return err
		}
		defer db.Close()
		if err := db.Backup(ctx, fs.Arg(0)); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "het db: backup written to %s\n", fs.Arg(0))
		return nil
	}
	fmt.Fprintf(stderr, "het db: unknown subcommand %q\n\n%s", sub, dbUsage)
	return errUsage
}
