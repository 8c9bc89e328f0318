package web

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"time"
	"unicode/utf8"

	"het"
)

// maxBodyBytes bounds request bodies; the public hub is read-only.
const maxBodyBytes = 64 << 10

// contentSecurityPolicy allows only the site's own scripts, styles and
// images: no inline script or style anywhere.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"

type ctxKey int

const requestIDKey ctxKey = 0

// requestID returns the request's ID, set by the middleware.
func requestID(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey).(string)
	return id
}

// middleware wraps the routes, outermost first: request ID, access log,
// panic recovery, security headers, body limit, query validation.
func (s *Server) middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		id := r.Header.Get("X-Request-ID")
		if !validRequestID(id) {
			id = newRequestID()
		}
		r = r.WithContext(context.WithValue(r.Context(), requestIDKey, id))
		rec := &statusRecorder{ResponseWriter: w}
		h := rec.Header()
		h.Set("X-Request-ID", id)
		s.securityHeaders(h, r)

		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.log.ErrorContext(r.Context(), "panic serving request",
					"request_id", id, "method", r.Method, "path", r.URL.Path, "panic", fmt.Sprint(v))
				if !rec.wroteHeader {
					s.serveError(rec, r, fmt.Errorf("panic: %v", v))
				}
			}
			s.log.InfoContext(r.Context(), "request",
				"request_id", id, "method", r.Method, "path", r.URL.Path,
				"status", rec.status(), "bytes", rec.bytes, "duration", time.Since(start))
		}()

		if r.Body != nil {
			r.Body = http.MaxBytesReader(rec, r.Body, maxBodyBytes)
		}
		if err := checkQuery(r.URL.RawQuery); err != nil {
			s.serveError(rec, r, err)
			return
		}
		next.ServeHTTP(rec, r)
	})
}

// securityHeaders sets the headers every response carries.
func (s *Server) securityHeaders(h http.Header, r *http.Request) {
	h.Set("Content-Security-Policy", contentSecurityPolicy)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	if r.TLS != nil || (s.cfg.TrustProxy && r.Header.Get("X-Forwarded-Proto") == "https") {
		h.Set("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
	}
}

// checkQuery rejects query strings that do not parse or carry invalid UTF-8,
// so handlers only ever see clean text.
func checkQuery(raw string) error {
	if raw == "" {
		return nil
	}
	if len(raw) > 4096 {
		return het.Errorf(het.EINVALID, "The web address is too long.")
	}
	q, err := url.ParseQuery(raw)
	if err != nil {
		return het.Errorf(het.EINVALID, "The web address is not valid.")
	}
	for k, vs := range q {
		if !utf8.ValidString(k) {
			return het.Errorf(het.EINVALID, "The web address is not valid.")
		}
		for _, v := range vs {
			if !utf8.ValidString(v) {
				return het.Errorf(het.EINVALID, "The web address is not valid.")
			}
		}
	}
	return nil
}

func validRequestID(id string) bool {
	if id == "" || len(id) > 64 {
		return false
	}
	for _, c := range []byte(id) {
		ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.'
		if !ok {
			return false
		}
	}
	return true
}

func newRequestID() string {
	var b [12]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// statusRecorder remembers the status and size of a response for the access
// log and so recovery knows whether the header has gone.
type statusRecorder struct {
	http.ResponseWriter
	code        int
	bytes       int64
	wroteHeader bool
}

func (w *statusRecorder) WriteHeader(code int) {
	if !w.wroteHeader {
		w.code = code
		w.wroteHeader = true
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusRecorder) Write(p []byte) (int, error) {
	if !w.wroteHeader {
		w.WriteHeader(http.StatusOK)
	}
	n, err := w.ResponseWriter.Write(p)
	w.bytes += int64(n)
	return n, err
}

func (w *statusRecorder) status() int {
	if w.code == 0 {
		return http.StatusOK
	}
	return w.code
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (w *statusRecorder) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// logAttrs returns the attributes identifying r in a log line.
func logAttrs(r *http.Request) []any {
	return []any{slog.String("request_id", requestID(r.Context())), slog.String("method", r.Method), slog.String("path", r.URL.Path)}
}
