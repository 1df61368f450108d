package schema

import (
	"fmt"
	"github.com/kvs-project/kvs/internal/coral"
	"strings"

	"github.com/kvs-project/kvs/apierr"
)

// UpdateTableRequest is UpdateTable's input in DynamoDB's shape (the members
// kvs supports; replicas, warm throughput and the like are not modelled).
type UpdateTableRequest struct {
	TableName string `json:"TableName"`
	// AttributeDefinitions is only consulted for the key attributes of a GSI
	// being created; it may list just the new attributes.
	AttributeDefinitions        []AttributeDefinition        `json:"AttributeDefinitions,omitempty"`
	BillingMode                 string                       `json:"BillingMode,omitempty"`
	ProvisionedThroughput       *ProvisionedThroughput       `json:"ProvisionedThroughput,omitempty"`
	OnDemandThroughput          *OnDemandThroughput          `json:"OnDemandThroughput,omitempty"`
	GlobalSecondaryIndexUpdates []GlobalSecondaryIndexUpdate `json:"GlobalSecondaryIndexUpdates,omitempty"`
	StreamSpecification         *StreamSpecification         `json:"StreamSpecification,omitempty"`
	SSESpecification            *SSESpecification            `json:"SSESpecification,omitempty"`
	TableClass                  string                       `json:"TableClass,omitempty"`
	DeletionProtectionEnabled   *bool                        `json:"DeletionProtectionEnabled,omitempty"`
}

// GlobalSecondaryIndexUpdate is one entry of GlobalSecondaryIndexUpdates;
// exactly one of its members must be set.
type GlobalSecondaryIndexUpdate struct {
	// Create has the shape of CreateGlobalSecondaryIndexAction, which is
	// GlobalSecondaryIndex's.
	Create *GlobalSecondaryIndex             `json:"Create,omitempty"`
	Update *UpdateGlobalSecondaryIndexAction `json:"Update,omitempty"`
	Delete *DeleteGlobalSecondaryIndexAction `json:"Delete,omitempty"`
}

// UpdateGlobalSecondaryIndexAction changes an existing GSI's throughput.
type UpdateGlobalSecondaryIndexAction struct {
	IndexName             string                 `json:"IndexName"`
	ProvisionedThroughput *ProvisionedThroughput `json:"ProvisionedThroughput,omitempty"`
	OnDemandThroughput    *OnDemandThroughput    `json:"OnDemandThroughput,omitempty"`
}

// DeleteGlobalSecondaryIndexAction removes a GSI.
type DeleteGlobalSecondaryIndexAction struct {
	IndexName string `json:"IndexName"`
}

func (u GlobalSecondaryIndexUpdate) indexName() string {
	switch {
	case u.Create != nil:
		return u.Create.IndexName
	case u.Update != nil:
		return u.Update.IndexName
	case u.Delete != nil:
		return u.Delete.IndexName
	}
	return ""
}

// ValidateUpdateTableRequest runs the UpdateTable checks that need no table:
// DynamoDB runs them before it looks the table up, so an invalid request for
// a missing table is a ValidationException, not a ResourceNotFoundException.
func ValidateUpdateTableRequest(req *UpdateTableRequest) error {
	if req == nil {
		return apierr.New(apierr.Validation, "The paramater 'tableName' is required but was not present in the request")
	}
	if req.TableName == "" {
		return ErrTableNameRequired() // dynalite's test/updateTable.js records the same text
	}
	if err := updateConstraints(req); err != nil {
		return err
	}
	checks := []func(*UpdateTableRequest) error{
		checkSomethingToUpdate,
		checkGSIUpdateEntries,
		checkSingleConcern,
		checkUpdateShapes,
	}
	for _, check := range checks {
		if err := check(req); err != nil {
			return err
		}
	}
	return nil
}

// ValidateUpdateTable checks an UpdateTable request against the table it
// would change, as DynamoDB does before applying anything: first the
// table-independent rules of ValidateUpdateTableRequest, then the rules that
// depend on current (billing mode, existing indexes and throughput, stream
// and encryption state, table status). Every error is an *apierr.Error
// (ValidationException, or ResourceInUseException, ResourceNotFoundException
// and LimitExceededException where DynamoDB uses them).
func ValidateUpdateTable(current *TableDescription, req *UpdateTableRequest) error {
	if err := ValidateUpdateTableRequest(req); err != nil {
		return err
	}
	if current == nil {
		return apierr.Newf(apierr.ResourceNotFound, "Requested resource not found: Table: %s not found", req.TableName)
	}
	checks := []func(*TableDescription, *UpdateTableRequest) error{
		// A subscriber limit of the table, so checked once the table is
		// known: DynamoDB Local answers ResourceNotFoundException for two
		// index creations or deletions on a missing table (found by
		// tools/difftest -tables), and no recording of DynamoDB has them
		// on a missing table.
		func(_ *TableDescription, req *UpdateTableRequest) error { return checkOnlineIndexCount(req) },
		checkUpdateStatus,
		checkIndexesInFlight,
		checkUpdateBilling,
		checkGSIUpdatesAgainst,
		checkUpdateStream,
		checkUpdateSSE,
	}
	for _, check := range checks {
		if err := check(current, req); err != nil {
			return err
		}
	}
	return nil
}

func updateConstraints(req *UpdateTableRequest) error {
	var v coral.Violations
	for i, ad := range req.AttributeDefinitions {
		p := member("attributeDefinitions", i)
		attributeNameConstraint(&v, p+".attributeName", ad.AttributeName, nil)
		if ad.AttributeType == "" {
			v.Null(p + ".attributeType")
		} else {
			v.Enum(p+".attributeType", ad.AttributeType, TypeB, TypeN, TypeS)
		}
	}
	tableNameConstraint(&v, req.TableName)
	if req.BillingMode != "" {
		v.Enum("billingMode", req.BillingMode, BillingProvisioned, BillingPayPerRequest)
	}
	throughputConstraint(&v, "provisionedThroughput", req.ProvisionedThroughput)
	for i, u := range req.GlobalSecondaryIndexUpdates {
		p := member("globalSecondaryIndexUpdates", i)
		if u.Update != nil {
			indexNameConstraint(&v, p+".update.indexName", u.Update.IndexName)
			throughputConstraint(&v, p+".update.provisionedThroughput", u.Update.ProvisionedThroughput)
		}
		if c := u.Create; c != nil {
			projectionConstraint(&v, p+".create.projection", c.Projection)
			indexNameConstraint(&v, p+".create.indexName", c.IndexName)
			throughputConstraint(&v, p+".create.provisionedThroughput", c.ProvisionedThroughput)
			keySchemaConstraint(&v, p+".create.keySchema", c.KeySchema, false, nil)
		}
		if u.Delete != nil {
			indexNameConstraint(&v, p+".delete.indexName", u.Delete.IndexName)
		}
	}
	streamConstraint(&v, req.StreamSpecification)
	sseConstraint(&v, req.SSESpecification)
	return v.Err()
}

// checkSomethingToUpdate rejects a request that changes nothing. An empty
// GlobalSecondaryIndexUpdates list and AttributeDefinitions alone count as
// nothing.
func checkSomethingToUpdate(req *UpdateTableRequest) error {
	if req.ProvisionedThroughput == nil && req.BillingMode == "" && req.StreamSpecification == nil &&
		len(req.GlobalSecondaryIndexUpdates) == 0 && req.SSESpecification == nil &&
		req.DeletionProtectionEnabled == nil && req.OnDemandThroughput == nil && req.TableClass == "" {
		return apierr.New(apierr.Validation, "At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, "+
			"GlobalSecondaryIndexUpdates, SSESpecification, ReplicaUpdates, MultiAccountReplicaReady, ReplicaTransitRoleArn, "+
			"MultiRegionConsistency, DeletionProtectionEnabled, OnDemandThroughput, WarmThroughput or TableClass is required")
	}
	return nil
}

func checkGSIUpdateEntries(req *UpdateTableRequest) error {
	if req.GlobalSecondaryIndexUpdates != nil && len(req.GlobalSecondaryIndexUpdates) == 0 {
		return invalid("List of GlobalSecondaryIndexUpdates is empty")
	}
	seen := map[string]bool{}
	for _, u := range req.GlobalSecondaryIndexUpdates {
		n := 0
		for _, set := range []bool{u.Create != nil, u.Update != nil, u.Delete != nil} {
			if set {
				n++
			}
		}
		if n == 0 {
			return invalid("One of GlobalSecondaryIndexUpdate.Update, GlobalSecondaryIndexUpdate.Create, GlobalSecondaryIndexUpdate.Delete must not be null")
		}
		if n > 1 {
			return invalid("Only one global secondary index action is allowed per GlobalSecondaryIndexUpdate object")
		}
		name := u.indexName()
		if seen[name] {
			return invalid("Only one global secondary index update per index is allowed simultaneously. Index: %s", name)
		}
		seen[name] = true
	}
	return nil
}

// createsOrDeletes counts the online index creations and deletions.
func createsOrDeletes(req *UpdateTableRequest) (creates, deletes int) {
	for _, u := range req.GlobalSecondaryIndexUpdates {
		if u.Create != nil {
			creates++
		}
		if u.Delete != nil {
			deletes++
		}
	}
	return creates, deletes
}

// checkSingleConcern enforces that some members must travel alone.
// DynamoDB names the first of SSE, TableClass and DeletionProtection present.
func checkSingleConcern(req *UpdateTableRequest) error {
	members := 0
	for _, set := range []bool{
		req.ProvisionedThroughput != nil, req.BillingMode != "", req.StreamSpecification != nil,
		len(req.GlobalSecondaryIndexUpdates) > 0, req.SSESpecification != nil,
		req.DeletionProtectionEnabled != nil, req.OnDemandThroughput != nil, req.TableClass != "",
	} {
		if set {
			members++
		}
	}
	switch {
	case members > 1 && req.SSESpecification != nil:
		return invalid("Server-Side Encryption modification must be the only operation in the request")
	case members > 1 && req.TableClass != "":
		return invalid("TableClass modification must be the only operation in the request")
	case members > 1 && req.DeletionProtectionEnabled != nil:
		return invalid("DeletionProtection modification must be the only operation in the request")
	}
	if req.OnDemandThroughput != nil && members > 1 && !(members == 2 && req.BillingMode != "") {
		return invalid("OnDemandThroughput can only be combined with BillingMode in an UpdateTable request")
	}
	iops := req.ProvisionedThroughput != nil || req.BillingMode == BillingProvisioned
	if req.StreamSpecification != nil && iops {
		return invalid("You cannot modify stream status while updating table IOPS")
	}
	if c, d := createsOrDeletes(req); c+d > 0 {
		if req.ProvisionedThroughput != nil {
			return invalid("You cannot create or delete index while updating table IOPS")
		}
		if req.StreamSpecification != nil {
			return invalid("You cannot create or delete index while changing stream status")
		}
	}
	return nil
}

// checkUpdateShapes applies the table-independent rules of each member.
func checkUpdateShapes(req *UpdateTableRequest) error {
	if pt := req.ProvisionedThroughput; pt != nil {
		if req.BillingMode == BillingPayPerRequest {
			return invalid("ProvisionedThroughput cannot be specified when BillingMode is PAY_PER_REQUEST")
		}
		if err := capacityBounds(pt); err != nil {
			return err
		}
	} else if req.BillingMode == BillingProvisioned {
		return invalid("ProvisionedThroughput must be specified when BillingMode is PROVISIONED")
	}
	if err := checkODTRange(req.OnDemandThroughput, "for table"); err != nil {
		return err
	}
	for _, u := range req.GlobalSecondaryIndexUpdates {
		if u.Update != nil {
			if u.Update.ProvisionedThroughput != nil {
				if err := capacityBounds(u.Update.ProvisionedThroughput); err != nil {
					return err
				}
			}
			if err := checkODTRange(u.Update.OnDemandThroughput, "for index : "+u.Update.IndexName); err != nil {
				return err
			}
		}
		if c := u.Create; c != nil {
			if err := checkKeyShape(c.KeySchema); err != nil {
				return err
			}
			// The projection is checked with the table (checkGSICreate).
			if err := checkODTRange(c.OnDemandThroughput, "for index : "+c.IndexName); err != nil {
				return err
			}
		}
	}
	if s := req.StreamSpecification; s != nil {
		if s.StreamEnabled && s.StreamViewType == "" {
			return invalid("If stream is being enabled then UpdateViewType is required")
		}
		if !s.StreamEnabled && s.StreamViewType != "" {
			return invalid("If stream is being disabled, then UpdateViewType must not be specified")
		}
	}
	if err := checkSSESpec(req.SSESpecification); err != nil {
		return err
	}
	return checkTableClass(req.TableClass)
}

func checkOnlineIndexCount(req *UpdateTableRequest) error {
	if c, d := createsOrDeletes(req); c+d > MaxGSICreatesOrDeletesPerUpdate {
		return onlyOneOnlineIndex()
	}
	return nil
}

func onlyOneOnlineIndex() error {
	return apierr.New(apierr.LimitExceeded, MsgOneIndexAtATime)
}

// checkUpdateStatus rejects changes to a table that is being created or
// deleted. (While a table is UPDATING DynamoDB admits or refuses each member
// separately; kvs applies updates synchronously and never reports UPDATING
// for long, so that matrix is not modelled.)
func checkUpdateStatus(cur *TableDescription, req *UpdateTableRequest) error {
	switch cur.TableStatus {
	case StatusCreating:
		return apierr.Newf(apierr.ResourceInUse, "Attempt to change a resource which is still in use: Table is being created: %s", cur.TableName)
	case StatusDeleting:
		return apierr.Newf(apierr.ResourceInUse, "Attempt to change a resource which is still in use: Table is being deleted: %s", cur.TableName)
	}
	return nil
}

// CurrentBillingMode is the billing mode a description reports; a table
// without BillingModeSummary is PROVISIONED.
func CurrentBillingMode(d *TableDescription) string {
	if d.BillingModeSummary != nil && d.BillingModeSummary.BillingMode != "" {
		return d.BillingModeSummary.BillingMode
	}
	return BillingProvisioned
}

func checkUpdateBilling(cur *TableDescription, req *UpdateTableRequest) error {
	was := CurrentBillingMode(cur)
	mode := was
	if req.BillingMode != "" {
		mode = req.BillingMode
	}
	if mode == BillingPayPerRequest {
		if req.ProvisionedThroughput != nil {
			return invalid("Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST")
		}
		return nil
	}
	if req.OnDemandThroughput != nil {
		return odtOnProvisioned(req.OnDemandThroughput, "", "")
	}
	if was == BillingPayPerRequest {
		// Switching to PROVISIONED: nothing is estimated, every GSI needs
		// its throughput in the same request.
		if req.ProvisionedThroughput == nil {
			return invalid("ProvisionedThroughput must be specified when BillingMode is PROVISIONED")
		}
		for _, g := range cur.GlobalSecondaryIndexes {
			if u := findUpdate(req, g.IndexName); u == nil || u.ProvisionedThroughput == nil {
				return invalid("ProvisionedThroughput must be specified for index: %s", g.IndexName)
			}
		}
		return nil
	}
	if pt, now := req.ProvisionedThroughput, cur.ProvisionedThroughput; pt != nil && now != nil &&
		pt.ReadCapacityUnits == now.ReadCapacityUnits && pt.WriteCapacityUnits == now.WriteCapacityUnits {
		return apierr.Validationf("The provisioned throughput for the table will not change. The requested value equals the current value. "+
			"Current ReadCapacityUnits provisioned for the table: %d. Requested ReadCapacityUnits: %d. "+
			"Current WriteCapacityUnits provisioned for the table: %d. Requested WriteCapacityUnits: %d. "+
			"Refer to the Amazon DynamoDB Developer Guide for current limits and how to request higher limits.",
			now.ReadCapacityUnits, pt.ReadCapacityUnits, now.WriteCapacityUnits, pt.WriteCapacityUnits)
	}
	return nil
}

func findUpdate(req *UpdateTableRequest, index string) *UpdateGlobalSecondaryIndexAction {
	for _, u := range req.GlobalSecondaryIndexUpdates {
		if u.Update != nil && u.Update.IndexName == index {
			return u.Update
		}
	}
	return nil
}

func findIndex(list []IndexDescription, name string) *IndexDescription {
	for i := range list {
		if list[i].IndexName == name {
			return &list[i]
		}
	}
	return nil
}

// checkGSIUpdatesAgainst checks each GSI action against the table's indexes
// and the billing mode the table will have.
func checkGSIUpdatesAgainst(cur *TableDescription, req *UpdateTableRequest) error {
	mode := CurrentBillingMode(cur)
	if req.BillingMode != "" {
		mode = req.BillingMode
	}
	ppr := mode == BillingPayPerRequest
	for _, u := range req.GlobalSecondaryIndexUpdates {
		switch {
		case u.Update != nil:
			if err := checkGSIUpdate(cur, u.Update, ppr); err != nil {
				return err
			}
		case u.Delete != nil:
			if findIndex(cur.GlobalSecondaryIndexes, u.Delete.IndexName) == nil {
				return missingIndex(cur, u.Delete.IndexName, "delete")
			}
		case u.Create != nil:
			if err := checkGSICreate(cur, req, u.Create, ppr); err != nil {
				return err
			}
		}
	}
	creates, deletes := createsOrDeletes(req)
	if len(cur.GlobalSecondaryIndexes)+creates-deletes > MaxGSIs {
		return apierr.Newf(apierr.LimitExceeded,
			"Subscriber limit exceeded: Number of global secondary indexes exceeds per-table limit of %d", MaxGSIs)
	}
	return nil
}

func missingIndex(cur *TableDescription, index, verb string) error {
	if findIndex(cur.LocalSecondaryIndexes, index) != nil {
		return apierr.Validationf("Cannot %s an index that is not a GlobalSecondaryIndex: %s", verb, index)
	}
	return apierr.Newf(apierr.ResourceNotFound, "Requested resource not found: Index %s for table %s", index, cur.TableName)
}

func checkGSIUpdate(cur *TableDescription, u *UpdateGlobalSecondaryIndexAction, ppr bool) error {
	g := findIndex(cur.GlobalSecondaryIndexes, u.IndexName)
	if g == nil {
		return missingIndex(cur, u.IndexName, "update")
	}
	if ppr {
		if u.ProvisionedThroughput != nil {
			return invalid("The only Updates for index: %s when TableThroughputMode is PAY_PER_REQUEST can be to OnDemandThroughput, WarmThroughput", u.IndexName)
		}
		return nil
	}
	if u.OnDemandThroughput != nil {
		return odtOnProvisioned(u.OnDemandThroughput, "for index : "+u.IndexName+" ", "")
	}
	if pt, now := u.ProvisionedThroughput, g.ProvisionedThroughput; pt != nil && now != nil &&
		pt.ReadCapacityUnits == now.ReadCapacityUnits && pt.WriteCapacityUnits == now.WriteCapacityUnits {
		return apierr.Validationf("The provisioned throughput for the index %[1]s will not change. The requested value equals the current value. "+
			"Current ReadCapacityUnits provisioned for index %[1]s: %[2]d. Requested ReadCapacityUnits: %[3]d. "+
			"Current WriteCapacityUnits provisioned for index %[1]s: %[4]d. Requested WriteCapacityUnits: %[5]d. "+
			"Refer to the Amazon DynamoDB Developer Guide for current limits and how to request higher limits.",
			u.IndexName, now.ReadCapacityUnits, pt.ReadCapacityUnits, now.WriteCapacityUnits, pt.WriteCapacityUnits)
	}
	return nil
}

func checkGSICreate(cur *TableDescription, req *UpdateTableRequest, c *GlobalSecondaryIndex, ppr bool) error {
	// Checked with the table, after checkIndexesInFlight (DynamoDB Local
	// answers LimitExceededException for a Create without attribute
	// definitions while another index is CREATING).
	// An existing name first: DynamoDB Local answers "Attempting to create
	// an index which already exists" to a Create without
	// AttributeDefinitions too (found by tools/difftest -tables).
	if findIndex(cur.GlobalSecondaryIndexes, c.IndexName) != nil || findIndex(cur.LocalSecondaryIndexes, c.IndexName) != nil {
		return apierr.New(apierr.Validation, "Attempting to create an index which already exists")
	}
	if len(req.AttributeDefinitions) == 0 {
		return invalid("AttributeDefinitions is not specified for index: %s", c.IndexName)
	}
	// The projection's rules come after the missing AttributeDefinitions
	// and an existing name: DynamoDB Local answers "No Attribute Schema
	// Defined" and "Attempting to create an index which already exists"
	// for a Create whose projection is bad too (found by tools/difftest
	// -tables; no recording of DynamoDB pins this order).
	if err := checkProjection(c.Projection); err != nil {
		return err
	}
	// An attribute the table already defines keeps its type: a new index
	// cannot key on it as another type (DynamoDB Local's text; found by
	// tools/difftest, kvs created the index and kept the old definition).
	for _, ad := range req.AttributeDefinitions {
		for _, have := range cur.AttributeDefinitions {
			if ad.AttributeName == have.AttributeName && ad.AttributeType != have.AttributeType {
				return apierr.New(apierr.Validation, "invalid attribute, SchemaElement redefined should be of same type as previously defined")
			}
		}
	}
	// The new key attributes may be defined in the request or already on
	// the table.
	known := append(append([]AttributeDefinition(nil), req.AttributeDefinitions...), cur.AttributeDefinitions...)
	for _, k := range c.KeySchema {
		if !isDefined(known, k.AttributeName) {
			return checkKeysDefined(c.KeySchema, req.AttributeDefinitions)
		}
	}
	if ppr && c.ProvisionedThroughput != nil {
		return invalid("Neither ReadCapacityUnits nor WriteCapacityUnits can be specified for index: %s when BillingMode is PAY_PER_REQUEST", c.IndexName)
	}
	if !ppr && c.ProvisionedThroughput == nil {
		return invalid("Both ReadCapacityUnits and WriteCapacityUnits must be specified for index: %s", c.IndexName)
	}
	if !ppr && c.OnDemandThroughput != nil {
		return odtOnProvisioned(c.OnDemandThroughput, "for index : "+c.IndexName+" ", "")
	}
	if c.ProvisionedThroughput != nil {
		return capacityBounds(c.ProvisionedThroughput)
	}
	return nil
}

func checkUpdateStream(cur *TableDescription, req *UpdateTableRequest) error {
	s := req.StreamSpecification
	if s == nil {
		return nil
	}
	enabled := cur.StreamSpecification != nil && cur.StreamSpecification.StreamEnabled
	if s.StreamEnabled && enabled {
		// Also the answer to a view type change: a stream's view type
		// cannot change while it is enabled.
		return apierr.Validationf("Table already has an enabled stream: TableName: %s", cur.TableName)
	}
	if !s.StreamEnabled && !enabled {
		return apierr.Validationf("Table has no stream to disable: TableName: %s", cur.TableName)
	}
	return nil
}

// checkUpdateSSE rejects the encryption changes DynamoDB treats as no-ops:
// going back to the default key on a table that has it, and re-sending the
// current key's ARN. (Re-sending the same key by alias or id is accepted and
// re-encrypts.)
func checkUpdateSSE(cur *TableDescription, req *UpdateTableRequest) error {
	s := req.SSESpecification
	if s == nil {
		return nil
	}
	toDefault := (s.Enabled != nil && !*s.Enabled) || (s.Enabled == nil && s.SSEType == "")
	if toDefault {
		if cur.SSEDescription == nil {
			return invalid("Table is already encrypted by default")
		}
		return nil
	}
	if cur.SSEDescription != nil && s.KMSMasterKeyId != "" && strings.HasPrefix(s.KMSMasterKeyId, "arn:") &&
		s.KMSMasterKeyId == cur.SSEDescription.KMSMasterKeyArn {
		return invalid("Table is already encrypted with given KMSMasterKeyId. Use KMSMasterKeyId parameter if you want to change Master Key")
	}
	return nil
}

// CheckCapacityQuota applies DynamoDB's default per-table and per-index
// provisioned capacity quota (MaxTableCapacityUnits each for reads and
// writes; index capacity does not count towards the table's) to a table
// definition, with the LimitExceededException DynamoDB answers; region
// appears in the message. DynamoDB checks this after validation, when it
// reserves capacity.
func CheckCapacityQuota(region string, def *TableDefinition) error {
	if def.BillingMode == BillingPayPerRequest {
		return nil
	}
	if err := quotaCheck(region, def.ProvisionedThroughput, ""); err != nil {
		return err
	}
	for _, g := range def.GlobalSecondaryIndexes {
		if err := quotaCheck(region, g.ProvisionedThroughput, g.IndexName); err != nil {
			return err
		}
	}
	return nil
}

// CheckUpdateCapacityQuota applies CheckCapacityQuota's quota to the
// throughput an UpdateTable asks for: the table's, and that of each GSI it
// creates or updates. DynamoDB Local answers "Cannot increase provisioned
// throughput to more than 40,000 units per table"; kvs used to accept any
// amount (found by tools/difftest).
func CheckUpdateCapacityQuota(region string, req *UpdateTableRequest) error {
	if req.BillingMode == BillingPayPerRequest {
		return nil
	}
	if err := quotaCheck(region, req.ProvisionedThroughput, ""); err != nil {
		return err
	}
	for _, u := range req.GlobalSecondaryIndexUpdates {
		switch {
		case u.Create != nil:
			if err := quotaCheck(region, u.Create.ProvisionedThroughput, u.Create.IndexName); err != nil {
				return err
			}
		case u.Update != nil:
			if err := quotaCheck(region, u.Update.ProvisionedThroughput, u.Update.IndexName); err != nil {
				return err
			}
		}
	}
	return nil
}

// quotaCheck checks one table's (index "") or index's throughput against
// the per-table quota.
func quotaCheck(region string, pt *ProvisionedThroughput, index string) error {
	over := func(what string, n int64) error {
		subject, scope := "The requested "+what, "table"
		if index != "" {
			subject, scope = "The requested "+what+" for index "+index, "index"
		}
		return apierr.New(apierr.LimitExceeded, fmt.Sprintf(
			"%s, %d, is above the per %s maximum for the account in %s. Per table maximum: %d. "+
				"Refer to the Amazon DynamoDB Developer Guide for current limits and how to request higher limits.",
			subject, n, scope, region, MaxTableCapacityUnits))
	}
	if pt == nil {
		return nil
	}
	if pt.ReadCapacityUnits > MaxTableCapacityUnits {
		return over("ReadCapacityUnits", pt.ReadCapacityUnits)
	}
	if pt.WriteCapacityUnits > MaxTableCapacityUnits {
		return over("WriteCapacityUnits", pt.WriteCapacityUnits)
	}
	return nil
}
