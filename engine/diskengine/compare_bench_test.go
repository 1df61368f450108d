package diskengine_test

// Pebble (through diskengine) against bbolt, the alternative considered for
// the disk engine. bbolt appears only in this test. Run:
//
//	go test -run '^$' -bench Compare -benchtime 2s ./engine/diskengine
//	go test -run '^$' -bench 'Compare/.*/BulkLoad1M' -benchtime 1x ./engine/diskengine
//
// Results and the decision are in docs/engine-choice.md.

import (
	"context"
	"encoding/binary"
	"fmt"
	"path/filepath"
	"testing"

	bolt "go.etcd.io/bbolt"

	"github.com/kvs-project/kvs/engine"
	"github.com/kvs-project/kvs/engine/diskengine"
)

// kv is the little both stores must do.
type kv interface {
	put(keys [][]byte, val []byte) // one atomic commit
	get(key []byte) []byte
	scan(lower []byte, n int) int
	close()
}

type pebbleKV struct{ db *diskengine.DB }

func (p pebbleKV) put(keys [][]byte, val []byte) {
	var b engine.Batch
	for _, k := range keys {
		b.Set(k, val)
	}
	if _, err := p.db.Apply(context.Background(), &b); err != nil {
		panic(err)
	}
}

func (p pebbleKV) get(key []byte) []byte {
	v, err := p.db.Get(context.Background(), key)
	if err != nil {
		panic(err)
	}
	return v
}

func (p pebbleKV) scan(lower []byte, n int) int {
	s, err := p.db.NewSnapshot(context.Background())
	if err != nil {
		panic(err)
	}
	defer s.Close()
	it, err := s.NewIter(context.Background(), engine.IterOptions{Lower: lower})
	if err != nil {
		panic(err)
	}
	defer it.Close()
	i := 0
	for i < n && it.Next() {
		_ = it.Value()
		i++
	}
	return i
}

func (p pebbleKV) close() { p.db.Close() }

var bucket = []byte("b")

type boltKV struct{ db *bolt.DB }

func (b boltKV) put(keys [][]byte, val []byte) {
	err := b.db.Update(func(tx *bolt.Tx) error {
		bk := tx.Bucket(bucket)
		for _, k := range keys {
			if err := bk.Put(k, val); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		panic(err)
	}
}

func (b boltKV) get(key []byte) []byte {
	var out []byte
	b.db.View(func(tx *bolt.Tx) error {
		out = append([]byte{}, tx.Bucket(bucket).Get(key)...)
		return nil
	})
	return out
}

func (b boltKV) scan(lower []byte, n int) int {
	i := 0
	b.db.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucket).Cursor()
		for k, _ := c.Seek(lower); k != nil && i < n; k, _ = c.Next() {
			i++
		}
		return nil
	})
	return i
}

func (b boltKV) close() { b.db.Close() }

func openPebble(b *testing.B, nosync bool) kv {
	db, err := diskengine.Open(b.TempDir(), diskengine.Options{NoSync: nosync})
	if err != nil {
		b.Fatal(err)
	}
	return pebbleKV{db}
}

func openBolt(b *testing.B, nosync bool) kv {
	db, err := bolt.Open(filepath.Join(b.TempDir(), "bolt.db"), 0o600, &bolt.Options{NoSync: nosync, NoFreelistSync: true, FreelistType: bolt.FreelistMapType})
	if err != nil {
		b.Fatal(err)
	}
	if err := db.Update(func(tx *bolt.Tx) error { _, err := tx.CreateBucket(bucket); return err }); err != nil {
		b.Fatal(err)
	}
	return boltKV{db}
}

// compareKey spreads keys over the keyspace like hashed partition keys.
func compareKey(i int) []byte {
	var k [8]byte
	binary.BigEndian.PutUint64(k[:], uint64(i)*0x9e3779b97f4a7c15)
	return []byte(fmt.Sprintf("item/%x", k))
}

func load(s kv, n, batch int, val []byte) {
	keys := make([][]byte, 0, batch)
	for i := 0; i < n; i++ {
		keys = append(keys, compareKey(i))
		if len(keys) == batch || i == n-1 {
			s.put(keys, val)
			keys = keys[:0]
		}
	}
}

func BenchmarkCompare(b *testing.B) {
	stores := []struct {
		name string
		open func(*testing.B, bool) kv
	}{{"pebble", openPebble}, {"bbolt", openBolt}}
	val := make([]byte, 100)
	const preload = 100_000
	for _, st := range stores {
		b.Run(st.name+"/SyncCommit1", func(b *testing.B) {
			s := st.open(b, false)
			defer s.close()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				s.put([][]byte{compareKey(i)}, val)
			}
		})
		b.Run(st.name+"/SyncCommit1Parallel32", func(b *testing.B) {
			s := st.open(b, false)
			defer s.close()
			b.SetParallelism(16)
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				for i := 0; pb.Next(); i++ {
					s.put([][]byte{compareKey(i)}, val)
				}
			})
		})
		b.Run(st.name+"/NoSyncCommit1", func(b *testing.B) {
			s := st.open(b, true)
			defer s.close()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				s.put([][]byte{compareKey(i)}, val)
			}
		})
		b.Run(st.name+"/Get", func(b *testing.B) {
			s := st.open(b, true)
			defer s.close()
			load(s, preload, 10_000, val)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if len(s.get(compareKey(i%preload))) != len(val) {
					b.Fatal("missing")
				}
			}
		})
		b.Run(st.name+"/Scan100", func(b *testing.B) {
			s := st.open(b, true)
			defer s.close()
			load(s, preload, 10_000, val)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if s.scan(compareKey(i%preload), 100) == 0 {
					b.Fatal("empty scan")
				}
			}
		})
		b.Run(st.name+"/BulkLoad1M", func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				s := st.open(b, false) // synced commits of 10,000 keys each
				load(s, 1_000_000, 10_000, val)
				s.close()
			}
		})
	}
}
