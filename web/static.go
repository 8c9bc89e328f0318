package web

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
	"time"
)

// staticFiles serves web/static. URLs made by URL carry a content hash
// (?v=...); a request with the current hash is cached for a year, anything
// else briefly, so a deploy never serves a stale stylesheet.
type staticFiles struct {
	fsys   fs.FS
	dev    bool
	hashes map[string]string // path → first 12 hex digits of its SHA-256
	gzips  map[string][]byte // path → gzip of text files, made once at start
}

// newStaticFiles hashes every file under fsys. An empty tree (the front end
// not yet built) is fine: pages then render unstyled.
func newStaticFiles(fsys fs.FS, dev bool) (*staticFiles, error) {
	sf := &staticFiles{fsys: fsys, dev: dev, hashes: map[string]string{}, gzips: map[string][]byte{}}
	if dev {
		return sf, nil
	}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		h, err := hashFile(fsys, p)
		if err != nil {
			return err
		}
		sf.hashes[p] = h
		if compressible(p) {
			z, err := gzipFile(fsys, p)
			if err != nil {
				return err
			}
			sf.gzips[p] = z
		}
		return nil
	})
	return sf, err
}

func hashFile(fsys fs.FS, name string) (string, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil))[:12], nil
}

// compressible reports whether a static file is text worth gzipping.
func compressible(name string) bool {
	switch path.Ext(name) {
	case ".css", ".js", ".svg", ".json", ".txt", ".md", ".map":
		return true
	}
	return false
}

// gzipFile returns the file compressed at the best level; it runs once per
// file at start.
func gzipFile(fsys fs.FS, name string) ([]byte, error) {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if _, err := zw.Write(b); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// hash returns the fingerprint of name ("" when the file does not exist).
func (sf *staticFiles) hash(name string) string {
	if sf.dev {
		h, err := hashFile(sf.fsys, name)
		if err != nil {
			return ""
		}
		return h
	}
	return sf.hashes[name]
}

// URL returns the fingerprinted URL of the static file name, e.g.
// "dist/het.css" → "/static/dist/het.css?v=0123456789ab".
func (sf *staticFiles) URL(name string) string {
	u := "/static/" + name
	if h := sf.hash(name); h != "" {
		u += "?v=" + h
	}
	return u
}

// ServeHTTP serves GET /static/{path...}.
func (sf *staticFiles) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("path")
	if !fs.ValidPath(name) || name == "." || strings.HasPrefix(name, ".") || strings.Contains(name, "/.") {
		http.NotFound(w, r)
		return
	}
	f, err := sf.fsys.Open(name)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil || st.IsDir() {
		http.NotFound(w, r)
		return
	}
	rs, ok := f.(io.ReadSeeker)
	if !ok {
		http.NotFound(w, r)
		return
	}
	h := sf.hash(name)
	switch {
	case sf.dev:
		w.Header().Set("Cache-Control", "no-cache")
	case h != "" && r.URL.Query().Get("v") == h:
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	default:
		w.Header().Set("Cache-Control", "public, max-age=300")
	}
	if z, ok := sf.gzips[name]; ok {
		w.Header().Add("Vary", "Accept-Encoding")
		if acceptsGzip(r) {
			// ServeContent would sniff the type from the compressed bytes.
			if ct := mime.TypeByExtension(path.Ext(name)); ct != "" {
				w.Header().Set("Content-Type", ct)
			}
			w.Header().Set("Content-Encoding", "gzip")
			w.Header().Set("ETag", `"`+h+`-gz"`)
			http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(z))
			return
		}
	}
	if h != "" {
		w.Header().Set("ETag", `"`+h+`"`)
	}
	http.ServeContent(w, r, name, time.Time{}, rs)
}

// acceptsGzip reports whether the client accepts gzip (and has not refused
// it with q=0).
func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		enc, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.EqualFold(strings.TrimSpace(enc), "gzip") {
			q := strings.ReplaceAll(strings.TrimSpace(params), " ", "")
			return q != "q=0" && q != "q=0.0" && q != "q=0.00" && q != "q=0.000"
		}
	}
	return false
}
