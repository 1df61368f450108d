package embedded

import (
	"context"
	"encoding/binary"

	"github.com/kvs-project/kvs/engine"
)

// Deleted tables and indexes leave the catalog at once; their data is erased
// in the background. A drop record (meta key "drop" · table id · index id)
// is committed with the catalog change and removed when the erase is done,
// so Open resumes drops a crash or Close interrupted. Table ids and index ids
// are never reused, so nothing new can appear in a range being erased.

var dropPrefix = []byte{spaceMeta, 'd', 'r', 'o', 'p'}

// dropJob names the data to erase: a whole table, or one of its indexes.
type dropJob struct {
	table uint32
	index uint16
	whole bool
}

func dropKey(table uint32, idx uint16, whole bool) []byte {
	k := append([]byte(nil), dropPrefix...)
	k = binary.BigEndian.AppendUint32(k, table)
	if whole {
		return k
	}
	return binary.BigEndian.AppendUint16(k, idx)
}

func parseDropKey(k []byte) (dropJob, bool) {
	rest := k[len(dropPrefix):]
	switch len(rest) {
	case 4:
		return dropJob{table: binary.BigEndian.Uint32(rest), whole: true}, true
	case 6:
		return dropJob{table: binary.BigEndian.Uint32(rest), index: binary.BigEndian.Uint16(rest[4:])}, true
	}
	return dropJob{}, false
}

// startDrop erases a drop job's data in the background.
func (d *Driver) startDrop(j dropJob) {
	d.bg.Add(1)
	go func() {
		defer d.bg.Done()
		if err := d.drop(d.bgCtx, j); err != nil && d.bgCtx.Err() == nil {
			d.log.Error("embedded: erasing dropped data", "table", j.table, "index", j.index, "err", err)
		}
	}()
}

func (d *Driver) drop(ctx context.Context, j dropJob) error {
	var ranges [][2][]byte
	if j.whole {
		ip := itemPrefix(j.table)
		xp := append([]byte{spaceIndex}, ip[1:]...)
		ranges = [][2][]byte{{ip, prefixEnd(ip)}, {xp, prefixEnd(xp)}}
	} else {
		xp := indexPrefix(j.table, j.index)
		ranges = [][2][]byte{{xp, prefixEnd(xp)}}
	}
	for _, r := range ranges {
		if err := d.eraseRange(ctx, r[0], r[1]); err != nil {
			return err
		}
	}
	var b engine.Batch
	if j.whole {
		b.Delete(statsKey(j.table))
	}
	b.Delete(dropKey(j.table, j.index, j.whole))
	_, err := d.eng.Apply(ctx, &b)
	return err
}

// eraseRange deletes every key in [lo, hi) in batches.
func (d *Driver) eraseRange(ctx context.Context, lo, hi []byte) error {
	const batchSize = 512
	for {
		snap, err := d.eng.NewSnapshot(ctx)
		if err != nil {
			return err
		}
		it, err := snap.NewIter(ctx, engine.IterOptions{Lower: lo, Upper: hi})
		if err != nil {
			snap.Close()
			return err
		}
		var b engine.Batch
		var last []byte
		for b.Len() < batchSize && it.Next() {
			b.Delete(it.Key())
			last = append(last[:0], it.Key()...)
		}
		if b.Len() > 0 {
			lo = successor(last)
		}
		err = it.Close()
		snap.Close()
		if err != nil {
			return err
		}
		if b.Len() == 0 {
			return nil
		}
		if _, err := d.eng.Apply(ctx, &b); err != nil {
			return err
		}
	}
}

// resumeDrops restarts the drops recorded in the store.
func (d *Driver) resumeDrops(ctx context.Context, r engine.Reader) ([]dropJob, error) {
	it, err := r.NewIter(ctx, engine.IterOptions{Lower: dropPrefix, Upper: prefixEnd(dropPrefix)})
	if err != nil {
		return nil, err
	}
	var jobs []dropJob
	for it.Next() {
		if j, ok := parseDropKey(it.Key()); ok {
			jobs = append(jobs, j)
		}
	}
	return jobs, it.Close()
}
