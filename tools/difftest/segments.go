package main

import (
	"encoding/json"
)

// sendSegments runs a parallel Scan on both servers: every segment of
// req.Segments, each paged to its end with the server's own
// LastEvaluatedKey (the servers split the key space differently). The
// answers are the first error, if any, or one synthetic page holding the
// union of the items, Count and ScannedCount summed.
func (p *pair) sendSegments(req Request) (Answer, Answer, error) {
	var la, ka Answer
	for _, c := range []*clientAnswer{{answer: &la, local: true}, {answer: &ka}} {
		items := []json.RawMessage{}
		count, scanned := 0, 0
		failed := false
		for seg := 0; seg < req.Segments && !failed; seg++ {
			body := copyBody(req.Body)
			body["Segment"] = seg
			for pages := 0; pages < 100; pages++ {
				status, raw, err := p.one(c.local, req.Op, body)
				if err != nil {
					return Answer{}, Answer{}, err
				}
				if status != 200 {
					*c.answer = Answer{status, raw}
					failed = true
					break
				}
				var page struct {
					Items            []json.RawMessage
					Count            int
					ScannedCount     int
					LastEvaluatedKey json.RawMessage
				}
				if err := json.Unmarshal(raw, &page); err != nil {
					*c.answer = Answer{status, raw}
					failed = true
					break
				}
				items = append(items, page.Items...)
				count += page.Count
				scanned += page.ScannedCount
				if page.LastEvaluatedKey == nil {
					break
				}
				body["ExclusiveStartKey"] = page.LastEvaluatedKey
			}
		}
		if !failed {
			out := map[string]any{"Count": count, "ScannedCount": scanned}
			if req.Body["Select"] != "COUNT" {
				out["Items"] = items
			}
			b, _ := json.Marshal(out)
			*c.answer = Answer{200, b}
		}
	}
	return la, ka, nil
}

type clientAnswer struct {
	answer *Answer
	local  bool
}

// one sends a request to one of the servers.
func (p *pair) one(local bool, op string, body map[string]any) (int, []byte, error) {
	b, err := json.Marshal(body)
	if err != nil {
		return 0, nil, err
	}
	c := p.kvs
	if local {
		c = p.local
	}
	return c.Do(p.ctx, op, b)
}

func copyBody(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}
