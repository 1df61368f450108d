package schema

import (
	"slices"
	"strings"
	"time"
)

// KeyAttribute names a key attribute and its scalar type (S, N or B).
type KeyAttribute struct {
	Name string
	Type string
}

// KeyAttributes returns the table's partition (HASH) key and, if it has one,
// its sort (RANGE) key; rng is the zero KeyAttribute for a hash-only table.
// def must have passed ValidateCreateTable.
func KeyAttributes(def *TableDefinition) (hash, rng KeyAttribute) {
	return keyAttributes(def.KeySchema, def.AttributeDefinitions)
}

// IndexKeyAttributes is KeyAttributes for the named secondary index; ok is
// false if the table has no such index.
func IndexKeyAttributes(def *TableDefinition, index string) (hash, rng KeyAttribute, ok bool) {
	for _, g := range def.GlobalSecondaryIndexes {
		if g.IndexName == index {
			hash, rng = keyAttributes(g.KeySchema, def.AttributeDefinitions)
			return hash, rng, true
		}
	}
	for _, l := range def.LocalSecondaryIndexes {
		if l.IndexName == index {
			hash, rng = keyAttributes(l.KeySchema, def.AttributeDefinitions)
			return hash, rng, true
		}
	}
	return KeyAttribute{}, KeyAttribute{}, false
}

func keyAttributes(ks []KeySchemaElement, defs []AttributeDefinition) (hash, rng KeyAttribute) {
	typeOf := func(name string) string {
		for _, d := range defs {
			if d.AttributeName == name {
				return d.AttributeType
			}
		}
		return ""
	}
	for _, k := range ks {
		ka := KeyAttribute{Name: k.AttributeName, Type: typeOf(k.AttributeName)}
		switch k.KeyType {
		case KeyTypeHash:
			hash = ka
		case KeyTypeRange:
			rng = ka
		}
	}
	return hash, rng
}

// DescribeOptions carries what a TableDescription needs beyond the
// definition.
type DescribeOptions struct {
	Region  string
	Account string
	// TableID is the table's unique id (a UUID in DynamoDB).
	TableID string
	// Created is the table's creation time.
	Created time.Time
	// Status is the table status; empty means ACTIVE (kvs creates tables
	// synchronously).
	Status string
}

// Describe builds the TableDescription DynamoDB answers for a freshly created
// table with definition def, with DynamoDB's defaults:
//
//   - AttributeDefinitions and projected NonKeyAttributes sorted by name
//     (DynamoDB sorts both; index lists keep the request order);
//   - PAY_PER_REQUEST tables and their GSIs describe ProvisionedThroughput
//     0/0 and carry a BillingModeSummary; tables created PROVISIONED have no
//     BillingModeSummary;
//   - every index ACTIVE with IndexArn, zero size and count; LSIs carry no
//     throughput;
//   - StreamSpecification, LatestStreamArn and LatestStreamLabel only for an
//     enabled stream;
//   - SSEDescription only when KMS encryption was requested;
//   - TableClassSummary only when a TableClass was sent.
//
// def must have passed ValidateCreateTable.
func Describe(def *TableDefinition, opts DescribeOptions) *TableDescription {
	created := epochSeconds(opts.Created)
	status := opts.Status
	if status == "" {
		status = StatusActive
	}
	d := &TableDescription{
		AttributeDefinitions: slices.Clone(def.AttributeDefinitions),
		TableName:            def.TableName,
		KeySchema:            slices.Clone(def.KeySchema),
		TableStatus:          status,
		CreationDateTime:     created,
		TableArn:             TableARN(opts.Region, opts.Account, def.TableName),
		TableId:              opts.TableID,
		OnDemandThroughput:   cloneODT(def.OnDemandThroughput),
	}
	slices.SortFunc(d.AttributeDefinitions, func(a, b AttributeDefinition) int {
		return strings.Compare(a.AttributeName, b.AttributeName)
	})
	ppr := def.BillingMode == BillingPayPerRequest
	d.ProvisionedThroughput = describeThroughput(def.ProvisionedThroughput, ppr)
	if ppr {
		d.BillingModeSummary = &BillingModeSummary{
			BillingMode:                       BillingPayPerRequest,
			LastUpdateToPayPerRequestDateTime: &created,
		}
	}
	for _, l := range def.LocalSecondaryIndexes {
		d.LocalSecondaryIndexes = append(d.LocalSecondaryIndexes, IndexDescription{
			IndexName:  l.IndexName,
			KeySchema:  slices.Clone(l.KeySchema),
			Projection: describeProjection(l.Projection),
			// LocalSecondaryIndexDescription has no IndexStatus.
			IndexArn: IndexARN(opts.Region, opts.Account, def.TableName, l.IndexName),
		})
	}
	for _, g := range def.GlobalSecondaryIndexes {
		d.GlobalSecondaryIndexes = append(d.GlobalSecondaryIndexes, IndexDescription{
			IndexName:             g.IndexName,
			KeySchema:             slices.Clone(g.KeySchema),
			Projection:            describeProjection(g.Projection),
			IndexStatus:           StatusActive,
			ProvisionedThroughput: describeThroughput(g.ProvisionedThroughput, ppr),
			OnDemandThroughput:    cloneODT(g.OnDemandThroughput),
			IndexArn:              IndexARN(opts.Region, opts.Account, def.TableName, g.IndexName),
		})
	}
	if s := def.StreamSpecification; s != nil && s.StreamEnabled {
		d.StreamSpecification = &StreamSpecification{StreamEnabled: true, StreamViewType: s.StreamViewType}
		d.LatestStreamLabel = StreamLabel(opts.Created)
		d.LatestStreamArn = StreamARN(opts.Region, opts.Account, def.TableName, d.LatestStreamLabel)
	}
	d.SSEDescription = DescribeSSE(def.SSESpecification, opts.Region, opts.Account)
	if def.TableClass != "" {
		d.TableClassSummary = &TableClassSummary{TableClass: def.TableClass}
	}
	if def.DeletionProtectionEnabled != nil {
		d.DeletionProtectionEnabled = *def.DeletionProtectionEnabled
	}
	return d
}

// StreamLabel is the label DynamoDB gives a stream created at t: the UTC time
// in ISO 8601 with milliseconds, e.g. 2026-10-08T23:07:31.275.
func StreamLabel(t time.Time) string {
	return t.UTC().Format("2006-01-02T15:04:05.000")
}

// DescribeSSE is the SSEDescription for a requested encryption setting, or
// nil when the table keeps the default AWS-owned key (no SSESpecification,
// {}, or Enabled false). kvs has no KMS: a key given by id or alias is turned
// into an ARN in the table's region and account, and the AWS-managed key is
// described as alias/aws/dynamodb (DynamoDB resolves it to a key ARN).
func DescribeSSE(s *SSESpecification, region, account string) *SSEDescription {
	if s == nil || (s.Enabled != nil && !*s.Enabled) || (s.Enabled == nil && s.SSEType == "") {
		return nil
	}
	key := s.KMSMasterKeyId
	switch {
	case key == "":
		key = "arn:aws:kms:" + region + ":" + account + ":alias/aws/dynamodb"
	case strings.HasPrefix(key, "arn:"):
	case strings.HasPrefix(key, "alias/"):
		key = "arn:aws:kms:" + region + ":" + account + ":" + key
	default:
		key = "arn:aws:kms:" + region + ":" + account + ":key/" + key
	}
	return &SSEDescription{Status: SSEEnabled, SSEType: SSETypeKMS, KMSMasterKeyArn: key}
}

func describeThroughput(pt *ProvisionedThroughput, ppr bool) *ProvisionedThroughputDescription {
	d := &ProvisionedThroughputDescription{}
	if !ppr && pt != nil {
		d.ReadCapacityUnits = pt.ReadCapacityUnits
		d.WriteCapacityUnits = pt.WriteCapacityUnits
	}
	return d
}

func describeProjection(p Projection) Projection {
	out := Projection{ProjectionType: p.ProjectionType, NonKeyAttributes: slices.Clone(p.NonKeyAttributes)}
	slices.Sort(out.NonKeyAttributes)
	return out
}

func cloneODT(o *OnDemandThroughput) *OnDemandThroughput {
	if o == nil {
		return nil
	}
	c := *o
	return &c
}

// epochSeconds is t in seconds since the epoch with millisecond precision,
// as DynamoDB writes timestamps on the wire.
func epochSeconds(t time.Time) float64 {
	return float64(t.UnixMilli()) / 1000
}
