package schema

import "github.com/kvs-project/kvs/apierr"

// checkIndexesInFlight refuses index changes that collide with a global
// secondary index being created or deleted, before any other check of the
// index actions: DynamoDB Local answers these even for a request whose
// index action is otherwise invalid (a Create without AttributeDefinitions,
// or without throughput on a provisioned table, is LimitExceededException
// while another index is CREATING). DynamoDB creates or deletes one index
// of a table at a time; an index in its resource allocation phase (CREATING,
// not yet Backfilling) can be neither updated nor deleted (DynamoDB's text
// for the deletion, DynamoDB Local's for the rest), and an index
// being deleted cannot be updated (ack-api-quirks DDB-TABLE-149,
// DDB-TABLE-159, DDB-TABLE-375).
func checkIndexesInFlight(cur *TableDescription, req *UpdateTableRequest) error {
	for _, u := range req.GlobalSecondaryIndexUpdates {
		switch {
		case u.Create != nil:
			if g := findIndex(cur.GlobalSecondaryIndexes, u.Create.IndexName); g != nil && g.IndexStatus == StatusCreating {
				return apierr.New(apierr.ResourceInUse, MsgIndexBeingCreated)
			}
		case u.Update != nil:
			g := findIndex(cur.GlobalSecondaryIndexes, u.Update.IndexName)
			switch {
			case g == nil:
			case allocating(g):
				return apierr.New(apierr.ResourceInUse, MsgIndexNotBackfilling)
			case g.IndexStatus == StatusDeleting:
				return apierr.Newf(apierr.ResourceInUse, MsgIndexBeingDeleted, cur.TableName, g.IndexName)
			}
		case u.Delete != nil:
			if g := findIndex(cur.GlobalSecondaryIndexes, u.Delete.IndexName); g != nil && allocating(g) {
				return apierr.Newf(apierr.ResourceInUse, MsgDeleteAllocatingIndex, cur.TableName, g.IndexName)
			}
		}
	}
	if c, d := createsOrDeletes(req); c+d == 0 {
		return nil
	}
	for _, g := range cur.GlobalSecondaryIndexes {
		switch g.IndexStatus {
		case StatusDeleting:
			return onlyOneOnlineIndex()
		case StatusCreating:
			// A backfilling index may itself be deleted.
			if !deletes(req, g.IndexName) {
				return onlyOneOnlineIndex()
			}
		}
	}
	return nil
}

// MsgDeleteAllocatingIndex is DynamoDB's answer to deleting an index in its
// resource allocation phase (ack-api-quirks DDB-TABLE-149, recorded against
// DynamoDB; DynamoDB Local answers "Index is being created."), formatted
// with the table and index names.
const MsgDeleteAllocatingIndex = "Attempt to change a resource which is still in use: Index creation is in resource allocation phase. " +
	"Retry deletion during backfilling phase or when the index is active. Table: %s Index: %s"

// DynamoDB's answers to index changes that collide with an index being
// created or deleted (DynamoDB Local's texts; for an index being deleted
// DynamoDB's, ack-api-quirks DDB-TABLE-375). MsgIndexBeingDeleted is
// formatted with the table and index names.
const (
	MsgIndexBeingCreated   = "Attempt to change a resource which is still in use: Index is being created."
	MsgIndexNotBackfilling = "Attempt to change a resource which is still in use: Index is being created but not backfilling."
	MsgIndexBeingDeleted   = "Attempt to change a resource which is still in use: Index is being deleted. Table: %s Index: %s"
	MsgOneIndexAtATime     = "Subscriber limit exceeded: Only 1 online index can be created or deleted simultaneously per table"
)

// allocating reports whether g is in its resource allocation phase.
func allocating(g *IndexDescription) bool {
	return g.IndexStatus == StatusCreating && (g.Backfilling == nil || !*g.Backfilling)
}

func deletes(req *UpdateTableRequest, index string) bool {
	for _, u := range req.GlobalSecondaryIndexUpdates {
		if u.Delete != nil && u.Delete.IndexName == index {
			return true
		}
	}
	return false
}
