package main

import "strings"

// The table round's operations on tables that may exist: DescribeTable,
// UpdateTable, the TTL and tagging operations, ListTables, DeleteTable.

// badTableName returns a table name of a bad length or with bad characters.
func (g *TableGen) badTableName() string {
	return pick(g.Gen, "", "ab", "bad name", "tb*x", strings.Repeat("t", 256))
}

func (g *TableGen) describeTable(name string, invalid bool) Request {
	body := map[string]any{"TableName": name}
	if invalid {
		if g.chance(0.2) {
			delete(body, "TableName")
		} else {
			body["TableName"] = g.badTableName()
		}
	}
	return Request{Op: "DescribeTable", Body: body}
}

func (g *TableGen) deleteTable(name string, t *knownTable, invalid bool) Request {
	body := map[string]any{"TableName": name}
	if invalid {
		body["TableName"] = g.badTableName()
	}
	return Request{Op: "DeleteTable", Body: body, Write: true}
}

func (g *TableGen) listTables(invalid bool) Request {
	body := map[string]any{}
	if g.chance(0.6) {
		body["Limit"] = 1 + g.intn(5)
	}
	if g.chance(0.5) {
		body["ExclusiveStartTableName"] = pick(g.Gen, "dth", "dtz", "tbx1", "tbx2", "tbx9", "a0")
	}
	if invalid {
		if g.chance(0.5) {
			body["Limit"] = pick(g.Gen, 0, -1, 101)
		} else {
			body["ExclusiveStartTableName"] = g.badTableName()
		}
	}
	return Request{Op: "ListTables", Body: body}
}

func (g *TableGen) timeToLive(name string, t *knownTable, invalid bool) Request {
	if g.chance(0.4) {
		body := map[string]any{"TableName": name}
		if invalid {
			body["TableName"] = g.badTableName()
		}
		return Request{Op: "DescribeTimeToLive", Body: body}
	}
	attr := pick(g.Gen, "exp", "ttl")
	enabled := true
	if t != nil && t.ttlEnabled != "" {
		// Mostly disable it; sometimes enable again or name another.
		enabled = g.chance(0.3)
		if g.chance(0.7) {
			attr = t.ttlEnabled
		}
	}
	spec := map[string]any{"Enabled": enabled, "AttributeName": attr}
	body := map[string]any{"TableName": name, "TimeToLiveSpecification": spec}
	if invalid {
		switch g.intn(4) {
		case 0:
			delete(spec, "AttributeName")
		case 1:
			delete(spec, "Enabled")
		case 2:
			spec["AttributeName"] = pick(g.Gen, "", strings.Repeat("a", 256))
		default:
			delete(body, "TimeToLiveSpecification")
		}
	}
	return Request{Op: "UpdateTimeToLive", Body: body, Write: true}
}

// tagging returns a TagResource, UntagResource or ListTagsOfResource. The
// ARN names DynamoDB Local's region and account (the runner rewrites it for
// kvs); invalid uses another ARN shape, too many tags or bad keys.
func (g *TableGen) tagging(name string, invalid bool) Request {
	arn := localARN + "table/" + name
	if invalid && g.chance(0.4) {
		arn = pick(g.Gen, "", "notanarn", localARN+name, localARN+"table/"+name+"/index/gsi0",
			"arn:aws:dynamodb:ddblocal:111111111111:table/"+name, "arn:aws:s3:::bucket")
	}
	switch g.intn(3) {
	case 0:
		return Request{Op: "ListTagsOfResource", Body: map[string]any{"ResourceArn": arn}}
	case 1:
		keys := []any{"k0"}
		if g.chance(0.5) {
			keys = append(keys, "k1", "nope")
		}
		if invalid && g.chance(0.5) {
			keys = pick(g.Gen, []any{}, []any{""}, []any{"aws:x"})
		}
		return Request{Op: "UntagResource", Body: map[string]any{"ResourceArn": arn, "TagKeys": keys}, Write: true}
	default:
		return Request{Op: "TagResource", Body: map[string]any{"ResourceArn": arn, "Tags": g.tags(invalid)}, Write: true}
	}
}

// updateTable returns an UpdateTable: a billing mode switch, a throughput
// change, a GSI Create/Update/Delete, a stream change, deletion protection,
// class, or nothing to update.
func (g *TableGen) updateTable(name string, t *knownTable, invalid bool) Request {
	body := map[string]any{"TableName": name}
	if t == nil {
		t = &knownTable{billing: "PAY_PER_REQUEST"}
	}
	prov := t.billing == "PROVISIONED"
	switch g.intn(10) {
	case 8: // several changes in one request
		return g.combinedUpdate(name, t, invalid)
	case 9: // on-demand throughput
		odt := map[string]any{"MaxReadRequestUnits": pick(g.Gen, 1, 5, 100, -1), "MaxWriteRequestUnits": pick(g.Gen, 1, 7, -1)}
		if invalid {
			odt = pick(g.Gen, map[string]any{"MaxReadRequestUnits": 0}, map[string]any{"MaxReadRequestUnits": -5, "MaxWriteRequestUnits": 1}, map[string]any{})
		}
		body["OnDemandThroughput"] = odt
	case 0: // billing mode switch
		if prov {
			body["BillingMode"] = "PAY_PER_REQUEST"
			if invalid {
				body["ProvisionedThroughput"] = g.throughput(false)
			}
		} else {
			body["BillingMode"] = "PROVISIONED"
			if !invalid || g.chance(0.5) {
				body["ProvisionedThroughput"] = g.throughput(invalid)
			}
			if len(t.gsis) > 0 && (!invalid || g.chance(0.5)) {
				var ups []any
				for _, x := range t.gsis {
					ups = append(ups, map[string]any{"Update": map[string]any{"IndexName": x, "ProvisionedThroughput": g.throughput(false)}})
				}
				body["GlobalSecondaryIndexUpdates"] = ups
			}
		}
	case 1: // throughput change
		pt := g.throughput(invalid)
		if !invalid && g.chance(0.2) {
			pt = map[string]any{"ReadCapacityUnits": t.rcu, "WriteCapacityUnits": t.wcu}
		}
		body["ProvisionedThroughput"] = pt
	case 2, 3: // create a GSI
		a := pick(g.Gen, indexKeyNames...)
		typ := g.scalarType()
		x := map[string]any{"IndexName": g.indexName(g.intn(3), invalid && g.chance(0.3)),
			"KeySchema": []any{ksElem(a, "HASH")}, "Projection": g.projection(invalid && g.chance(0.3))}
		if prov || invalid && g.chance(0.2) {
			x["ProvisionedThroughput"] = g.throughput(false)
		}
		body["GlobalSecondaryIndexUpdates"] = []any{map[string]any{"Create": x}}
		if !invalid || g.chance(0.5) {
			body["AttributeDefinitions"] = []any{attrDef(a, typ)}
		} else if g.chance(0.5) {
			body["AttributeDefinitions"] = []any{attrDef(a, typ), attrDef("unused", "S")}
		}
	case 4: // update or delete a GSI
		ix := "nope"
		if len(t.gsis) > 0 && !(invalid && g.chance(0.5)) {
			ix = pick(g.Gen, t.gsis...)
		}
		if g.chance(0.5) {
			body["GlobalSecondaryIndexUpdates"] = []any{map[string]any{"Delete": map[string]any{"IndexName": ix}}}
		} else {
			body["GlobalSecondaryIndexUpdates"] = []any{map[string]any{"Update": map[string]any{"IndexName": ix, "ProvisionedThroughput": g.throughput(invalid && g.chance(0.5))}}}
		}
		if invalid && g.chance(0.3) {
			body["GlobalSecondaryIndexUpdates"] = pick(g.Gen, []any{}, []any{map[string]any{}},
				[]any{map[string]any{"Delete": map[string]any{"IndexName": ix}}, map[string]any{"Delete": map[string]any{"IndexName": ix}}})
		}
	case 5: // streams
		spec := g.stream(invalid)
		if !invalid && t.streamOn && g.chance(0.5) {
			spec = map[string]any{"StreamEnabled": false}
		}
		body["StreamSpecification"] = spec
	case 6: // deletion protection, class
		if g.chance(0.6) {
			body["DeletionProtectionEnabled"] = !t.protected
			if invalid {
				body["DeletionProtectionEnabled"] = t.protected
			}
		} else {
			body["TableClass"] = pick(g.Gen, "STANDARD", "STANDARD_INFREQUENT_ACCESS")
			if invalid {
				body["TableClass"] = pick(g.Gen, "COLD", "standard")
			}
		}
	default: // nothing to update, or an unknown table
		if !invalid {
			body["TableName"] = pick(g.Gen, "tbx8", "tbx9")
			body["BillingMode"] = "PAY_PER_REQUEST"
		} else if g.chance(0.5) {
			body["TableName"] = g.badTableName()
			body["BillingMode"] = "PAY_PER_REQUEST"
		}
	}
	if invalid && g.chance(0.1) {
		body["SSESpecification"] = g.sse(g.chance(0.5))
	}
	return Request{Op: "UpdateTable", Body: body, Write: true}
}

// combinedUpdate asks for two changes at once: a GSI creation and
// deletion, billing and stream, deletion protection and throughput, a
// class change with another, or two actions on one index.
func (g *TableGen) combinedUpdate(name string, t *knownTable, invalid bool) Request {
	body := map[string]any{"TableName": name}
	ix := "nope"
	if len(t.gsis) > 0 {
		ix = pick(g.Gen, t.gsis...)
	}
	a := pick(g.Gen, indexKeyNames...)
	create := map[string]any{"Create": map[string]any{"IndexName": "gnew", "KeySchema": []any{ksElem(a, "HASH")},
		"Projection": map[string]any{"ProjectionType": "KEYS_ONLY"}}}
	if t.billing == "PROVISIONED" {
		create["Create"].(map[string]any)["ProvisionedThroughput"] = g.throughput(false)
	}
	switch g.intn(5) {
	case 0:
		body["AttributeDefinitions"] = []any{attrDef(a, g.scalarType())}
		body["GlobalSecondaryIndexUpdates"] = []any{create, map[string]any{"Delete": map[string]any{"IndexName": ix}}}
	case 1:
		body["BillingMode"] = pick(g.Gen, "PAY_PER_REQUEST", "PROVISIONED")
		if body["BillingMode"] == "PROVISIONED" {
			body["ProvisionedThroughput"] = g.throughput(false)
		}
		body["StreamSpecification"] = g.stream(false)
	case 2:
		body["DeletionProtectionEnabled"] = !t.protected
		body["ProvisionedThroughput"] = g.throughput(false)
	case 3:
		body["TableClass"] = pick(g.Gen, "STANDARD", "STANDARD_INFREQUENT_ACCESS")
		body["StreamSpecification"] = g.stream(false)
	default:
		body["GlobalSecondaryIndexUpdates"] = []any{
			map[string]any{"Update": map[string]any{"IndexName": ix, "ProvisionedThroughput": g.throughput(false)}},
			map[string]any{"Delete": map[string]any{"IndexName": ix}}}
	}
	if invalid {
		body["SSESpecification"] = g.sse(false)
	}
	return Request{Op: "UpdateTable", Body: body, Write: true}
}

// gsiChanging reports whether req, answered 200, started a GSI creation or
// deletion: the runner then waits until both servers have finished it
// (DynamoDB Local takes a moment, kvs its IndexCreateDelay and backfill).
func gsiChanging(req Request) bool {
	if req.Op != "UpdateTable" {
		return false
	}
	ups, _ := req.Body["GlobalSecondaryIndexUpdates"].([]any)
	for _, u := range ups {
		m, _ := u.(map[string]any)
		if m["Create"] != nil || m["Delete"] != nil {
			return true
		}
	}
	return false
}
