package web

import (
	"context"
	"errors"
	"net/http"

	"het"
)

// errorPage is the data of the 400, 404 and 500 pages.
type errorPage struct {
	Chrome
	Message string
}

// serveError turns err into a response, in this one place: ENOTFOUND is the
// 404 page, EINVALID the 400 page with its message, anything else is logged
// with the request ID and shown as the 500 page, which names the ID but no
// detail.
func (s *Server) serveError(w http.ResponseWriter, r *http.Request, err error) {
	var (
		status = http.StatusInternalServerError
		name   = "server-error"
		title  = "Sorry, there is a problem with the service"
		msg    string
	)
	switch het.ErrorCode(err) {
	case het.ENOTFOUND:
		status, name, title = http.StatusNotFound, "not-found", "Page not found"
	case het.EINVALID:
		status, name, title = http.StatusBadRequest, "bad-request", "There is a problem with the web address"
		msg = het.ErrorMessage(err)
	default:
		if errors.Is(err, context.Canceled) {
			// The client went away; there is no one to show a page to.
			s.log.InfoContext(r.Context(), "request canceled", logAttrs(r)...)
			return
		}
		s.log.ErrorContext(r.Context(), "serving request", append(logAttrs(r), "err", err)...)
	}
	var c Chrome
	if status == http.StatusInternalServerError {
		// The store may be what failed: do not touch it again.
		c = Chrome{Site: s.site, Path: r.URL.Path, RequestID: requestID(r.Context())}
	} else {
		c = s.chrome(r, "", "")
	}
	c.Title = title
	w.Header().Set("Cache-Control", "no-store")
	if rerr := s.render(w, r, status, name, &errorPage{Chrome: c, Message: msg}); rerr != nil {
		s.log.ErrorContext(r.Context(), "rendering the error page", append(logAttrs(r), "err", rerr)...)
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(status)
		_, _ = w.Write([]byte(http.StatusText(status) + "\n"))
	}
}
