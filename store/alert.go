package store

import (
	"context"
	"time"

	"het"
)

const alertCols = "id, title, message, link_url, link_text, active, starts_at, ends_at"

func alertDest(a *het.Alert) []any {
	return []any{&a.ID, &a.Title, &a.Message, &a.LinkURL, &a.LinkText, &a.Active, timeCol{&a.StartsAt}, timeCol{&a.EndsAt}}
}

// ActiveAlert returns the alert showing at now (the most recently started if
// several), or ENOTFOUND.
func (db *DB) ActiveAlert(ctx context.Context, now time.Time) (*het.Alert, error) {
	a := &het.Alert{}
	err := db.view(ctx, func(tx *tx) error {
		at := millis(visibleAt(het.Visibility{Now: now}))
		err := tx.queryRow(ctx, "SELECT "+alertCols+" FROM alerts WHERE active = ? AND (starts_at IS NULL OR starts_at <= ?) AND (ends_at IS NULL OR ends_at > ?)"+
			" ORDER BY starts_at DESC NULLS LAST, id DESC LIMIT 1", true, at, at).Scan(alertDest(a)...)
		return noRows(err, "alert", "active")
	})
	if err != nil {
		return nil, err
	}
	return a, nil
}

// ListAlerts returns every alert, newest first.
func (db *DB) ListAlerts(ctx context.Context) ([]*het.Alert, error) {
	var out []*het.Alert
	err := db.view(ctx, func(tx *tx) error {
		rows, err := tx.query(ctx, "SELECT "+alertCols+" FROM alerts ORDER BY id DESC")
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			a := &het.Alert{}
			if err := rows.Scan(alertDest(a)...); err != nil {
				return err
			}
			out = append(out, a)
		}
		return rows.Err()
	})
	return out, err
}

// SaveAlert validates a, then inserts it when a.ID is 0 and updates the
// alert with that ID otherwise (ENOTFOUND when there is none).
func (db *DB) SaveAlert(ctx context.Context, a *het.Alert) error {
	if err := a.Validate(); err != nil {
		return err
	}
	a.StartsAt, a.EndsAt = stored(a.StartsAt), stored(a.EndsAt)
	return db.update(ctx, func(tx *tx) error {
		args := []any{a.Title, a.Message, a.LinkURL, a.LinkText, a.Active, millis(a.StartsAt), millis(a.EndsAt)}
		if a.ID == 0 {
			return tx.queryRow(ctx, "INSERT INTO alerts (title, message, link_url, link_text, active, starts_at, ends_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
				args...).Scan(&a.ID)
		}
		res, err := tx.exec(ctx, "UPDATE alerts SET title = ?, message = ?, link_url = ?, link_text = ?, active = ?, starts_at = ?, ends_at = ? WHERE id = ?",
			append(args, a.ID)...)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return het.Errorf(het.ENOTFOUND, "No alert with ID %d", a.ID)
		}
		return nil
	})
}
