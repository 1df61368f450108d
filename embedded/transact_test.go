package embedded

import (
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"
	"time"

	"github.com/kvs-project/kvs/apierr"
	"github.com/kvs-project/kvs/attr"
	"github.com/kvs-project/kvs/driver"
)

func TestTransactWrite(t *testing.T) {
	forEachEngine(t, func(t *testing.T, d *Driver) {
		mustCreate(t, d, testDef("t"))
		a := attr.Item{"pk": S("a"), "sk": N("1"), "n": N("1")}
		mustPut(t, d, "t", a)
		keyA := attr.Item{"pk": S("a"), "sk": N("1")}
		keyB := attr.Item{"pk": S("b"), "sk": N("1")}

		// A failing condition cancels everything, with one reason per action.
		err := d.TransactWrite(ctx, &driver.TransactWrite{Writes: []*driver.Write{
			{Table: "t", Kind: driver.Put, Item: attr.Item{"pk": S("b"), "sk": N("1"), "g": S("G")}},
			{Table: "t", Kind: driver.Update, Key: keyA, Update: upd(t, "SET n = :v", vals(":v", N("2"))),
				Condition: cond(t, "n = :v", vals(":v", N("5")))},
		}})
		e := wantCode(t, err, apierr.TransactionCanceled,
			"Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed]")
		if len(e.CancellationReasons) != 2 || e.CancellationReasons[0].Code != apierr.None ||
			e.CancellationReasons[1].Code != "ConditionalCheckFailed" || e.CancellationReasons[1].Message != "The conditional request failed" ||
			!attr.ItemsEqual(e.CancellationReasons[1].Item.(attr.Item), a) {
			t.Fatalf("reasons = %+v", e.CancellationReasons)
		}
		if mustGet(t, d, "t", keyB) != nil {
			t.Fatal("cancelled transaction applied its put")
		}
		if p, _ := d.Read(ctx, &driver.Read{Table: "t", Index: "gsi"}); len(p.Items) != 0 {
			t.Fatal("cancelled transaction wrote an index entry")
		}

		// All writes apply together.
		ok := &driver.TransactWrite{Token: "tok", Fingerprint: "fp1", Writes: []*driver.Write{
			{Table: "t", Kind: driver.Put, Item: attr.Item{"pk": S("b"), "sk": N("1"), "g": S("G")}},
			{Table: "t", Kind: driver.Update, Key: keyA, Update: upd(t, "SET n = n + :v", vals(":v", N("1"))),
				Condition: cond(t, "n = :v", vals(":v", N("1")))},
			{Table: "t", Kind: driver.Check, Key: attr.Item{"pk": S("zz"), "sk": N("1")}, Condition: cond(t, "attribute_not_exists(pk)", nil)},
		}}
		if err := d.TransactWrite(ctx, ok); err != nil {
			t.Fatal(err)
		}
		if mustGet(t, d, "t", keyB) == nil || mustGet(t, d, "t", keyA)["n"].Str() != "2" {
			t.Fatal("transaction not applied")
		}
		// The same token and request again: success, not applied twice
		// (the condition n = 1 would fail if it were).
		if err := d.TransactWrite(ctx, ok); err != nil {
			t.Fatalf("idempotent repeat: %v", err)
		}
		if mustGet(t, d, "t", keyA)["n"].Str() != "2" {
			t.Fatal("idempotent repeat applied again")
		}
		other := *ok
		other.Fingerprint = "fp2"
		wantCode(t, d.TransactWrite(ctx, &other), apierr.IdempotentParameterMismatch, "")

		// After the 10-minute window the token is forgotten.
		clock := &fakeClock{now: time.Now().Add(TokenTTL + time.Minute)}
		d.clock = clock.Now
		if err := d.SweepTTL(ctx); err != nil {
			t.Fatal(err)
		}
		err = d.TransactWrite(ctx, ok)
		wantCode(t, err, apierr.TransactionCanceled, "Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed, None]")

		err = d.TransactWrite(ctx, &driver.TransactWrite{Writes: []*driver.Write{
			{Table: "t", Kind: driver.Check, Key: keyA, Condition: cond(t, "attribute_exists(pk)", nil)},
			{Table: "t", Kind: driver.Delete, Key: keyA},
		}})
		wantCode(t, err, apierr.Validation, "Transaction request cannot include multiple operations on one item")
		err = d.TransactWrite(ctx, &driver.TransactWrite{Writes: []*driver.Write{{Table: "nope", Kind: driver.Delete, Key: keyA}}})
		wantCode(t, err, apierr.ResourceNotFound, "Requested resource not found")

		items, err := d.TransactGet(ctx, []*driver.Get{{Table: "t", Key: keyA}, {Table: "t", Key: attr.Item{"pk": S("x"), "sk": N("1")}}, {Table: "t", Key: keyB}})
		if err != nil || len(items) != 3 || items[0]["n"].Str() != "2" || items[1] != nil || items[2] == nil {
			t.Fatalf("TransactGet = %v, %v", items, err)
		}
	})
}

// TestBankInvariant runs concurrent conditional transfers between accounts:
// the total never changes, and every balance equals its start plus the
// acknowledged transfers.
func TestBankInvariant(t *testing.T) {
	forEachEngine(t, func(t *testing.T, d *Driver) {
		def := testDef("bank")
		def.GlobalSecondaryIndexes, def.LocalSecondaryIndexes = nil, nil
		mustCreate(t, d, def)
		const accounts, start, workers, transfers = 8, 100, 8, 150
		key := func(i int) attr.Item { return attr.Item{"pk": S(fmt.Sprint("acct", i)), "sk": N("0")} }
		for i := range accounts {
			mustPut(t, d, "bank", attr.Item{"pk": S(fmt.Sprint("acct", i)), "sk": N("0"), "bal": N(itoa(start))})
		}
		var mu sync.Mutex
		want := make([]int, accounts)
		for i := range want {
			want[i] = start
		}
		acked, cancelled := 0, 0
		var wg sync.WaitGroup
		for w := range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				r := rand.New(rand.NewPCG(uint64(w), 7))
				for range transfers {
					from, to := r.IntN(accounts), r.IntN(accounts)
					if from == to {
						continue
					}
					amt := r.IntN(30) + 1
					err := d.TransactWrite(ctx, &driver.TransactWrite{Writes: []*driver.Write{
						{Table: "bank", Kind: driver.Update, Key: key(from), Update: upd(t, "SET bal = bal - :a", vals(":a", N(itoa(amt)))),
							Condition: cond(t, "bal >= :a", vals(":a", N(itoa(amt))))},
						{Table: "bank", Kind: driver.Update, Key: key(to), Update: upd(t, "SET bal = bal + :a", vals(":a", N(itoa(amt))))},
					}})
					mu.Lock()
					switch {
					case err == nil:
						acked++
						want[from] -= amt
						want[to] += amt
					case apierr.Is(err, apierr.TransactionCanceled):
						cancelled++
					default:
						t.Error(err)
					}
					mu.Unlock()
				}
			}()
		}
		// Readers check the invariant on consistent snapshots meanwhile.
		done := make(chan struct{})
		var rwg sync.WaitGroup
		rwg.Add(1)
		go func() {
			defer rwg.Done()
			for {
				select {
				case <-done:
					return
				default:
				}
				gets := make([]*driver.Get, accounts)
				for i := range gets {
					gets[i] = &driver.Get{Table: "bank", Key: key(i)}
				}
				items, err := d.TransactGet(ctx, gets)
				if err != nil {
					t.Error(err)
					return
				}
				total := 0
				for _, it := range items {
					var v int
					fmt.Sscan(it["bal"].Str(), &v)
					total += v
				}
				if total != accounts*start {
					t.Errorf("snapshot total = %d", total)
					return
				}
			}
		}()
		wg.Wait()
		close(done)
		rwg.Wait()
		for i := range accounts {
			var v int
			fmt.Sscan(mustGet(t, d, "bank", key(i))["bal"].Str(), &v)
			if v != want[i] {
				t.Fatalf("account %d = %d, want %d", i, v, want[i])
			}
			if v < 0 {
				t.Fatalf("account %d negative", i)
			}
		}
		t.Logf("%d transfers acknowledged, %d cancelled", acked, cancelled)
		if acked == 0 {
			t.Fatal("no transfer succeeded")
		}
	})
}

// TestTransactValidationReasons: errors of the new items are cancellation
// reasons (ValidationError) and hide failed conditions; errors of the update
// expression fail the whole request. Recorded from DynamoDB Local.
func TestTransactValidationReasons(t *testing.T) {
	forEachEngine(t, func(t *testing.T, d *Driver) {
		mustCreate(t, d, testDef("t"))
		keyA := attr.Item{"pk": S("a"), "sk": N("1")}
		mustPut(t, d, "t", attr.Item{"pk": S("a"), "sk": N("1"), "n": N("1")})
		failingPut := &driver.Write{Table: "t", Kind: driver.Put, Item: attr.Item{"pk": S("y"), "sk": N("1")}, Condition: cond(t, "attribute_exists(pk)", nil)}
		err := d.TransactWrite(ctx, &driver.TransactWrite{Writes: []*driver.Write{failingPut,
			{Table: "t", Kind: driver.Update, Key: keyA, Update: upd(t, "SET g = :v", vals(":v", N("1")))}}})
		e := wantCode(t, err, apierr.TransactionCanceled, "Transaction cancelled, please refer cancellation reasons for specific reasons [None, ValidationError]")
		if r := e.CancellationReasons[1]; r.Message != "One or more parameter values were invalid: Type mismatch for Index Key g Expected: S Actual: N IndexName: gsi" {
			t.Fatalf("reason = %+v", r)
		}
		err = d.TransactWrite(ctx, &driver.TransactWrite{Writes: []*driver.Write{failingPut,
			{Table: "t", Kind: driver.Update, Key: keyA, Update: upd(t, "SET sk = :v", vals(":v", N("1")))}}})
		wantCode(t, err, apierr.TransactionCanceled, "Transaction cancelled, please refer cancellation reasons for specific reasons [None, ValidationError]")
		err = d.TransactWrite(ctx, &driver.TransactWrite{Writes: []*driver.Write{failingPut,
			{Table: "t", Kind: driver.Update, Key: keyA, Update: upd(t, "SET q = q + :v", vals(":v", N("1")))}}})
		wantCode(t, err, apierr.Validation, "The provided expression refers to an attribute that does not exist in the item")
		err = d.TransactWrite(ctx, &driver.TransactWrite{Writes: []*driver.Write{failingPut,
			{Table: "t", Kind: driver.Put, Item: attr.Item{"pk": S("a"), "sk": N("1"), "g": N("1")}}}})
		wantCode(t, err, apierr.TransactionCanceled, "Transaction cancelled, please refer cancellation reasons for specific reasons [None, ValidationError]")
		// An action whose own condition fails is cancelled before its
		// update is applied: the update's error does not surface
		// (DynamoDB Local, found by tools/difftest).
		err = d.TransactWrite(ctx, &driver.TransactWrite{Writes: []*driver.Write{
			{Table: "t", Kind: driver.Update, Key: keyA, Update: upd(t, "SET q = q + :v", vals(":v", N("1"))),
				Condition: cond(t, "attribute_not_exists(pk)", nil)}}})
		wantCode(t, err, apierr.TransactionCanceled, "Transaction cancelled, please refer cancellation reasons for specific reasons [ConditionalCheckFailed]")
		// A failed ConditionCheck's reason ends with a period (DynamoDB Local).
		err = d.TransactWrite(ctx, &driver.TransactWrite{Writes: []*driver.Write{
			{Table: "t", Kind: driver.Check, Key: keyA, Condition: cond(t, "attribute_not_exists(pk)", nil)}}})
		e = wantCode(t, err, apierr.TransactionCanceled, "Transaction cancelled, please refer cancellation reasons for specific reasons [ConditionalCheckFailed]")
		if e.CancellationReasons[0].Message != "The conditional request failed." {
			t.Fatalf("reason = %+v", e.CancellationReasons[0])
		}
		// A single UpdateItem checks its condition before the new item.
		_, err = d.Write(ctx, &driver.Write{Table: "t", Kind: driver.Update, Key: keyA, Update: upd(t, "SET g = :v", vals(":v", N("1"))),
			Condition: cond(t, "attribute_not_exists(pk)", nil)})
		wantCode(t, err, apierr.ConditionalCheckFailed, "The conditional request failed")
		_, err = d.Write(ctx, &driver.Write{Table: "t", Kind: driver.Update, Key: keyA, Update: upd(t, "SET q = q + :v", vals(":v", N("1")))})
		wantCode(t, err, apierr.Validation, "The provided expression refers to an attribute that does not exist in the item")
	})
}
