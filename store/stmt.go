package store

import (
	"context"
	"database/sql"
	"sync"
	"time"
)

// maxCachedStmts bounds the statement cache; queries beyond it (rare shapes:
// long IN lists) are prepared each time.
const maxCachedStmts = 256

// prepareTimeout bounds how long a background prepare waits for a
// connection of the read pool.
const prepareTimeout = 10 * time.Second

// stmtCache keeps prepared statements of the SQLite read pool, keyed by query
// text. Parsing SQL is most of the CPU time of a small read with
// modernc.org/sqlite; database/sql then prepares each cached statement once
// per pooled connection. PostgreSQL needs none: pgx caches statements itself.
//
// A statement is prepared in the background, the first time its query is
// seen. Preparing needs a connection of its own, and the caller is inside a
// transaction holding one: under load every connection is busy, so waiting
// for another would stall the caller while holding its connection idle, and
// giving up after a short wait would leave the cache empty exactly when it
// matters. Until its statement is ready, a query simply runs unprepared.
type stmtCache struct {
	pool    *sql.DB
	mu      sync.Mutex
	m       map[string]*sql.Stmt
	pending map[string]bool // being prepared
	closed  bool
	wg      sync.WaitGroup // background prepares
}

func newStmtCache(pool *sql.DB) *stmtCache {
	return &stmtCache{pool: pool, m: map[string]*sql.Stmt{}, pending: map[string]bool{}}
}

// get returns the cached statement for q, or nil to run q unprepared; on a
// first sight of q it starts preparing it if there is room.
func (c *stmtCache) get(_ context.Context, q string) *sql.Stmt {
	c.mu.Lock()
	defer c.mu.Unlock()
	s := c.m[q]
	if s != nil || c.closed || c.pending[q] || len(c.m)+len(c.pending) >= maxCachedStmts {
		return s
	}
	c.pending[q] = true
	c.wg.Add(1)
	go c.prepare(q)
	return nil
}

// prepare prepares q on the pool and caches it. A query that fails to
// prepare is not cached (it fails when run, too); it is tried again the
// next time it is seen.
func (c *stmtCache) prepare(q string) {
	defer c.wg.Done()
	ctx, cancel := context.WithTimeout(context.Background(), prepareTimeout)
	defer cancel()
	s, err := c.pool.PrepareContext(ctx, q)
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.pending, q)
	switch {
	case err != nil:
	case c.closed:
		s.Close()
	default:
		c.m[q] = s
	}
}

// close closes every cached statement; statements still being prepared are
// closed when ready. Call wait after closing the pool.
func (c *stmtCache) close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.closed = true
	for q, s := range c.m {
		s.Close()
		delete(c.m, q)
	}
}

// wait waits for the background prepares to end.
func (c *stmtCache) wait() { c.wg.Wait() }
