package main

import "encoding/json"

// A Query that reads nothing still consumes the minimum read: "Queries that
// do not return results consume the minimum read capacity units according
// to the type of read" (the DynamoDB API reference's Query description, as
// carried by the AWS SDK for Java's QueryRequest documentation). DynamoDB
// Local charges 0.0; kvs charges 0.5, or 1.0 for a consistent read, as for
// a GetItem of a missing item.

func init() {
	rules = append(rules, rule{"empty Query capacity", func(req Request, l, k map[string]any) {
		if req.Op != "Query" || l["ConsumedCapacity"] == nil || k["ConsumedCapacity"] == nil {
			return
		}
		if sc, _ := k["ScannedCount"].(json.Number); sc != "0" {
			return
		}
		if sc, _ := l["ScannedCount"].(json.Number); sc != "0" {
			return
		}
		lc, _ := l["ConsumedCapacity"].(map[string]any)
		kc, _ := k["ConsumedCapacity"].(map[string]any)
		lu, _ := lc["CapacityUnits"].(json.Number)
		ku, _ := kc["CapacityUnits"].(json.Number)
		if lu == "0.0" && (ku == "0.5" || ku == "1.0") {
			l["ConsumedCapacity"] = k["ConsumedCapacity"]
		}
	}})
}
