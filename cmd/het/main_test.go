package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer safe for the server goroutine and the test.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func env(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func TestServeDemoEndToEnd(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	dbPath := filepath.Join(t.TempDir(), "het.db")
	var stdout, stderr syncBuffer
	done := make(chan error, 1)
	go func() {
		// Listen and db come from the environment, --demo from the flags.
		done <- run(ctx, []string{"serve", "--demo"}, env(map[string]string{
			"HET_LISTEN": "127.0.0.1:0",
			"HET_DB":     dbPath,
		}), nil, &stdout, &stderr)
	}()

	urlRE := regexp.MustCompile(`at (http://\S+)`)
	var base string
	for deadline := time.Now().Add(60 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if m := urlRE.FindStringSubmatch(stdout.String()); m != nil {
			base = m[1]
			break
		}
		select {
		case err := <-done:
			t.Fatalf("serve returned early: %v\nstderr: %s", err, stderr.String())
		default:
		}
	}
	if base == "" {
		t.Fatalf("server did not start; stderr: %s", stderr.String())
	}

	for _, tc := range []struct {
		path, want string
		status     int
	}{
		{"/healthz", "ok", 200},
		{"/readyz", "", 200},
		{"/", "Luton", 200},
		{"/objectives/best-start-in-life", "best start", 200},
		{"/no-such-page", "", 404},
	} {
		resp, err := http.Get(base + tc.path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != tc.status {
			t.Errorf("GET %s = %d, want %d", tc.path, resp.StatusCode, tc.status)
		}
		if !strings.Contains(strings.ToLower(string(body)), strings.ToLower(tc.want)) {
			t.Errorf("GET %s: body lacks %q", tc.path, tc.want)
		}
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("serve after shutdown: %v", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not shut down")
	}
	if strings.Contains(stderr.String(), "panic") {
		t.Errorf("log mentions a panic:\n%s", stderr.String())
	}

	// The demo is idempotent: a second load adds nothing.
	var out bytes.Buffer
	if err := run(context.Background(), []string{"demo", "--db", dbPath}, env(nil), nil, &out, io.Discard); err != nil {
		t.Fatalf("het demo: %v", err)
	}
	if !strings.Contains(out.String(), "het demo:") {
		t.Errorf("het demo output = %q", out.String())
	}
}

func TestUsageAndFlags(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		env      map[string]string
		wantErr  error // nil, errUsage or errHelp; other errors are checked by text
		errText  string
		inOutput string
	}{
		{name: "no command", args: nil, wantErr: errUsage, inOutput: "Commands:"},
		{name: "unknown command", args: []string{"frobnicate"}, wantErr: errUsage, inOutput: "unknown command"},
		{name: "help", args: []string{"help"}, inOutput: "serve"},
		{name: "version", args: []string{"version"}, inOutput: "het "},
		{name: "serve help lists env vars", args: []string{"serve", "--help"}, wantErr: errHelp, inOutput: "HET_LISTEN"},
		{name: "serve help lists db", args: []string{"serve", "--help"}, wantErr: errHelp, inOutput: "HET_DB"},
		{name: "bad flag", args: []string{"serve", "--nope"}, wantErr: errUsage},
		{name: "bad env value", args: []string{"serve"}, env: map[string]string{"HET_DEMO": "maybe"}, errText: "HET_DEMO"},
		{name: "bad listen", args: []string{"serve", "--listen", "nonsense"}, errText: "listen address"},
		{name: "bad base url", args: []string{"serve", "--base-url", "ftp://x"}, errText: "base-url"},
		{name: "serve takes no args", args: []string{"serve", "extra"}, errText: "no arguments"},
		{name: "db without subcommand", args: []string{"db"}, wantErr: errUsage, inOutput: "migrate"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			err := run(context.Background(), tt.args, env(tt.env), nil, &out, &out)
			switch {
			case tt.errText != "":
				if err == nil || !strings.Contains(err.Error(), tt.errText) {
					t.Fatalf("err = %v, want one mentioning %q", err, tt.errText)
				}
			case tt.wantErr != nil:
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("err = %v, want %v", err, tt.wantErr)
				}
			default:
				if err != nil {
					t.Fatalf("err = %v", err)
				}
			}
			if tt.inOutput != "" && !strings.Contains(out.String(), tt.inOutput) {
				t.Errorf("output lacks %q:\n%s", tt.inOutput, out.String())
			}
		})
	}
}

func TestRedactDSN(t *testing.T) {
	got := redactDSN("postgres://het:s3cret@db:5432/het")
	if strings.Contains(got, "s3cret") || !strings.Contains(got, "REDACTED") {
		t.Errorf("redactDSN = %q", got)
	}
	if redactDSN("het.db") != "het.db" {
		t.Error("file paths are left alone")
	}
}

func TestDBCommands(t *testing.T) {
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "het.db")
	var out bytes.Buffer
	if err := run(context.Background(), []string{"db", "migrate", "--db", dbPath}, env(nil), nil, &out, &out); err != nil {
		t.Fatalf("migrate: %v\n%s", err, out.String())
	}
	backup := filepath.Join(dir, "copy.db")
	if err := run(context.Background(), []string{"db", "backup", "--db", dbPath, backup}, env(nil), nil, &out, &out); err != nil {
		t.Fatalf("backup: %v\n%s", err, out.String())
	}
	// The backup is itself a usable database.
	if err := run(context.Background(), []string{"db", "migrate", "--db", backup}, env(nil), nil, &out, &out); err != nil {
		t.Fatalf("open backup: %v", err)
	}
}
