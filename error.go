// Package het is the domain model of the Health Equity Town platform: the
// content of the public hub and the types every adapter (store, web, importers)
// exchanges. It imports neither SQL nor HTTP.
package het

import (
	"errors"
	"fmt"
)

// Error codes. Adapters translate them: the web turns ENOTFOUND into a 404
// page, EINVALID into a form error or a 400, and anything else into a logged
// 500 that shows no detail.
const (
	ECONFLICT     = "conflict"
	EINTERNAL     = "internal"
	EINVALID      = "invalid"
	ENOTFOUND     = "not_found"
	EUNAUTHORIZED = "unauthorized"
	EFORBIDDEN    = "forbidden"
)

// Error is the domain error: a code callers can branch on and a message safe
// to show a user. Field, when set, names the input at fault.
type Error struct {
	Code    string
	Field   string
	Message string
}

func (e *Error) Error() string {
	if e.Field != "" {
		return fmt.Sprintf("het %s: %s: %s", e.Code, e.Field, e.Message)
	}
	return fmt.Sprintf("het %s: %s", e.Code, e.Message)
}

// Errorf returns an *Error with the given code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// FieldError returns an EINVALID error for one named field.
func FieldError(field, format string, args ...any) *Error {
	return &Error{Code: EINVALID, Field: field, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of err, EINTERNAL for errors that are not *Error
// and "" for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the user-facing message of err; errors that are not
// *Error get a generic message so internal detail never leaks.
func ErrorMessage(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "Something went wrong."
}

// IsNotFound reports whether err is a not-found error.
func IsNotFound(err error) bool { return ErrorCode(err) == ENOTFOUND }

// ValidationErrors collects field errors so a form can show them all at once.
type ValidationErrors []*Error

func (v ValidationErrors) Error() string {
	if len(v) == 0 {
		return "no errors"
	}
	if len(v) == 1 {
		return v[0].Error()
	}
	return fmt.Sprintf("%s (and %d more)", v[0].Error(), len(v)-1)
}

// Add records a field error.
func (v *ValidationErrors) Add(field, format string, args ...any) {
	*v = append(*v, FieldError(field, format, args...))
}

// Err returns nil when there are no errors, otherwise the collection wrapped
// as an EINVALID *Error whose message lists the first problem.
func (v ValidationErrors) Err() error {
	if len(v) == 0 {
		return nil
	}
	return &InvalidError{Fields: v}
}

// InvalidError is returned by Validate methods: an EINVALID error carrying
// every field problem.
type InvalidError struct {
	Fields ValidationErrors
}

func (e *InvalidError) Error() string { return e.Fields.Error() }

// Unwrap exposes the first field error so errors.As(err, **Error) and
// ErrorCode see EINVALID.
func (e *InvalidError) Unwrap() error { return e.Fields[0] }
