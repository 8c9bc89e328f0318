// Command staticserver is the baseline of the page benchmark (bench/run.sh):
// a minimal net/http server that answers each configured path with bytes
// held in memory and a fixed Content-Type, doing no other work per request.
//
//	staticserver -listen 127.0.0.1:0 '/=text/html; charset=utf-8=home.html' ...
//
// Each argument is PATH=CONTENT-TYPE=FILE. The Content-Type may contain '='
// (as in charset=utf-8): the last '=' separates it from FILE, so FILE must
// not contain one. It prints
// "staticserver: serving at http://HOST:PORT" on stdout once it listens.
package main

import (
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"
)

type route struct {
	contentType string
	length      string
	body        []byte
}

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "staticserver:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	fs := flag.NewFlagSet("staticserver", flag.ContinueOnError)
	listen := fs.String("listen", "127.0.0.1:0", "address to listen on")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return errors.New("give at least one PATH=CONTENT-TYPE=FILE")
	}
	routes := map[string]route{}
	for _, a := range fs.Args() {
		path, rest, ok := strings.Cut(a, "=")
		i := strings.LastIndex(rest, "=")
		if !ok || i < 0 || !strings.HasPrefix(path, "/") {
			return fmt.Errorf("bad route %q: want PATH=CONTENT-TYPE=FILE", a)
		}
		body, err := os.ReadFile(rest[i+1:])
		if err != nil {
			return err
		}
		routes[path] = route{contentType: rest[:i], length: strconv.Itoa(len(body)), body: body}
	}
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rt, ok := routes[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		hd := w.Header()
		hd["Content-Type"] = []string{rt.contentType}
		hd["Content-Length"] = []string{rt.length}
		w.Write(rt.body)
	})
	ln, err := net.Listen("tcp", *listen)
	if err != nil {
		return err
	}
	fmt.Printf("staticserver: serving at http://%s\n", ln.Addr())
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 120 * time.Second}
	return srv.Serve(ln)
}
