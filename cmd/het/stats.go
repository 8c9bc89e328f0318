package main

import (
	"context"
	"io"

	"het/statscli"
)

// runStats runs `het stats METHOD [flags] [FILE]`; see package statscli.
// The CSV result goes to stdout only when the whole input succeeded.
func runStats(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	return statscli.Run(ctx, args, stdin, stdout, stderr)
}
