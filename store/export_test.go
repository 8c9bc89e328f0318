package store

import (
	"context"
	"log/slog"
)

// OpenAt opens dsn and migrates it only up to version, as an older het did.
func OpenAt(ctx context.Context, dsn string, version int) (*DB, error) {
	db, err := open(dsn, slog.New(slog.DiscardHandler))
	if err != nil {
		return nil, err
	}
	if err := db.migrate(ctx, version); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// Exec runs one statement in a write transaction.
func (db *DB) Exec(ctx context.Context, q string, args ...any) error {
	return db.update(ctx, func(tx *tx) error {
		_, err := tx.exec(ctx, q, args...)
		return err
	})
}
