package expr

import (
	"container/list"
	"sync"
)

// Cache is a bounded, concurrency-safe cache of parsed (unresolved)
// expressions keyed by kind and text, least recently used first out.
// Parsed trees are immutable, so one cached tree serves every request;
// parse errors are cached too.
type Cache struct {
	mu  sync.Mutex
	max int
	lru *list.List // of *cacheEntry, most recent at the front
	m   map[cacheKey]*list.Element
}

type cacheKey struct {
	kind Kind
	text string
}

type cacheEntry struct {
	key cacheKey
	val any
	err error
}

// NewCache returns a cache holding at most max parsed expressions
// (at least 1).
func NewCache(max int) *Cache {
	if max < 1 {
		max = 1
	}
	return &Cache{max: max, lru: list.New(), m: make(map[cacheKey]*list.Element)}
}

func (c *Cache) get(kind Kind, text string, parse func() (any, error)) (any, error) {
	k := cacheKey{kind, text}
	c.mu.Lock()
	if e, ok := c.m[k]; ok {
		c.lru.MoveToFront(e)
		ent := e.Value.(*cacheEntry)
		c.mu.Unlock()
		return ent.val, ent.err
	}
	c.mu.Unlock()
	// Parse outside the lock; two goroutines may parse the same text at
	// once, which is harmless since both results are equal.
	val, err := parse()
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.m[k]; !ok {
		c.m[k] = c.lru.PushFront(&cacheEntry{key: k, val: val, err: err})
		if c.lru.Len() > c.max {
			old := c.lru.Back()
			c.lru.Remove(old)
			delete(c.m, old.Value.(*cacheEntry).key)
		}
	}
	return val, err
}

// Len returns the number of cached expressions.
func (c *Cache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.lru.Len()
}

// Condition is ParseCondition through the cache.
func (c *Cache) Condition(kind Kind, text string) (Cond, error) {
	v, err := c.get(kind, text, func() (any, error) { return ParseCondition(kind, text) })
	if err != nil {
		return nil, err
	}
	return v.(Cond), nil
}

// Update is ParseUpdate through the cache.
func (c *Cache) Update(text string) (*Update, error) {
	v, err := c.get(KindUpdate, text, func() (any, error) { return ParseUpdate(text) })
	if err != nil {
		return nil, err
	}
	return v.(*Update), nil
}

// Projection is ParseProjection through the cache.
func (c *Cache) Projection(text string) (*Projection, error) {
	v, err := c.get(KindProjection, text, func() (any, error) { return ParseProjection(text) })
	if err != nil {
		return nil, err
	}
	return v.(*Projection), nil
}
