package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"het/demo"
	"het/store"
)

func runDemo(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := newFlagSet("demo", "demo [flags]")
	dsn := fs.String("db", "het.db", "database: a SQLite file path, or a postgres:// URL")
	logFormat := fs.String("log-format", "text", "log format: json or text")
	if err := parseFlags(fs, args, getenv, stdout, stderr); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("demo takes no arguments, got %q", fs.Args())
	}
	log, err := newLogger(stderr, *logFormat, "warn")
	if err != nil {
		return err
	}
	db, err := store.Open(ctx, *dsn, log)
	if err != nil {
		return fmt.Errorf("open database: %w", err)
	}
	defer db.Close()
	rep, err := demo.Load(ctx, db, time.Now())
	if err != nil {
		return fmt.Errorf("load demo: %w", err)
	}
	fmt.Fprintf(stdout, "het demo: %v\n", rep)
	return nil
}
