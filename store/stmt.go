package store

import (
	"context"
	"database/sql"
	"sync"
	"time"
)

// maxCachedStmts bounds the statement cache; queries beyond it (rare shapes:
// deep pages, long IN lists) are prepared each time.
const maxCachedStmts = 256

// stmtCache keeps prepared statements of the SQLite read pool, keyed by query
// text. Parsing SQL is most of the CPU time of a small read with
// modernc.org/sqlite; database/sql then prepares each cached statement once
// per pooled connection. PostgreSQL needs none: pgx caches statements itself.
type stmtCache struct {
	pool *sql.DB
	mu   sync.Mutex
	m    map[string]*sql.Stmt
}

func newStmtCache(pool *sql.DB) *stmtCache {
	return &stmtCache{pool: pool, m: map[string]*sql.Stmt{}}
}

// get returns the cached statement for q, preparing it if there is room, or
// nil to run q unprepared. The caller is inside a transaction holding one
// connection, so preparing (which needs another) waits only briefly: if every
// connection is busy the query simply runs unprepared this time.
func (c *stmtCache) get(ctx context.Context, q string) *sql.Stmt {
	c.mu.Lock()
	s, full := c.m[q], len(c.m) >= maxCachedStmts
	c.mu.Unlock()
	if s != nil || full {
		return s
	}
	pctx, cancel := context.WithTimeout(ctx, 20*time.Millisecond)
	defer cancel()
	s, err := c.pool.PrepareContext(pctx, q)
	if err != nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if prev := c.m[q]; prev != nil || len(c.m) >= maxCachedStmts {
		s.Close() // another caller cached q, or filled the cache, meanwhile
		return prev
	}
	c.m[q] = s
	return s
}

// close closes every cached statement.
func (c *stmtCache) close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for q, s := range c.m {
		s.Close()
		delete(c.m, q)
	}
}
