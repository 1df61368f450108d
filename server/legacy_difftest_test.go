package server

import "testing"

// TestLegacyDifftestFixes pins the answers tools/difftest's legacy round
// found kvs giving differently from DynamoDB Local (docs/difftest.md, items
// 22-24): a type mismatch of an AttributeUpdates ADD or DELETE, and
// BatchGetItem's duplicate AttributesToGet, checked after mixing in every
// table, tables in request order.
func TestLegacyDifftestFixes(t *testing.T) {
	forTransports(t, func(t *testing.T, tr transport) {
		ts := startOn(t, tr, openTestDB(t), Options{})
		for _, tab := range []string{"tab", "tac"} {
			if r := post(t, ts, "CreateTable", `{"TableName":"`+tab+`","AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],"KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],"BillingMode":"PAY_PER_REQUEST"}`); r.status != 200 {
				t.Fatalf("CreateTable: %d %s", r.status, r.body)
			}
		}
		if r := post(t, ts, "PutItem", `{"TableName":"tab","Item":{"pk":{"S":"a"},"s":{"S":"x"},"ns":{"NS":["1"]},"l":{"L":[]}}}`); r.status != 200 {
			t.Fatalf("PutItem: %d %s", r.status, r.body)
		}
		const v = `{"__type":"com.amazon.coral.validate#ValidationException","message":`
		mismatch := v + `"Type mismatch for attribute to update"}`
		for _, u := range []string{
			`{"s":{"Action":"ADD","Value":{"N":"1"}}}`,
			`{"ns":{"Action":"ADD","Value":{"SS":["1"]}}}`,
			`{"ns":{"Action":"ADD","Value":{"N":"1"}}}`,
			`{"ns":{"Action":"DELETE","Value":{"SS":["1"]}}}`,
			`{"s":{"Action":"ADD","Value":{"L":[{"S":"1"}]}}}`,
			`{"l":{"Action":"ADD","Value":{"NS":["1"]}}}`,
		} {
			post(t, ts, "UpdateItem", `{"TableName":"tab","Key":{"pk":{"S":"a"}},"AttributeUpdates":`+u+`}`).want(t, 400, mismatch)
		}
		// The expression form keeps its own text.
		post(t, ts, "UpdateItem", `{"TableName":"tab","Key":{"pk":{"S":"a"}},"UpdateExpression":"ADD s :v","ExpressionAttributeValues":{":v":{"N":"1"}}}`).
			want(t, 400, v+`"An operand in the update expression has an incorrect data type"}`)

		post(t, ts, "BatchGetItem", `{"RequestItems":{"tac":{"AttributesToGet":["l","b","l"],"Keys":[{"pk":{"S":"a"}}]},"tab":{"AttributesToGet":["s","n","s"],"Keys":[{"pk":{"S":"a"}}]}}}`).
			want(t, 400, v+`"One or more parameter values were invalid: Duplicate value in attribute name: l"}`)
		post(t, ts, "BatchGetItem", `{"RequestItems":{"tab":{"AttributesToGet":["l","b","l"],"Keys":[{"pk":{"S":"a"}}]},"tac":{"AttributesToGet":["s"],"ProjectionExpression":"a","Keys":[{"pk":{"S":"a"}}]}}}`).
			want(t, 400, v+`"Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {AttributesToGet} Expression parameters: {ProjectionExpression}"}`)
		post(t, ts, "GetItem", `{"TableName":"tab","Key":{"pk":{"S":"a"}},"AttributesToGet":["s","s"]}`).
			want(t, 400, v+`"Cannot have two attributes with the same name"}`)
	})
}

// TestLegacyBeforeValues: mixing legacy and expression parameters, and an
// Expected entry of the wrong shape, are reported before an invalid value
// (DynamoDB Local; dynalite's validations check mixing first).
func TestLegacyBeforeValues(t *testing.T) {
	forTransports(t, func(t *testing.T, tr transport) {
		ts := startOn(t, tr, openTestDB(t), Options{})
		if r := post(t, ts, "CreateTable", `{"TableName":"tab","AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],"KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],"BillingMode":"PAY_PER_REQUEST"}`); r.status != 200 {
			t.Fatalf("CreateTable: %d %s", r.status, r.body)
		}
		const v = `{"__type":"com.amazon.coral.validate#ValidationException","message":`
		post(t, ts, "PutItem", `{"TableName":"tab","Item":{"pk":{"S":"a"},"c":{"NS":["1E+126"]}},"Expected":{"a":{"Exists":false}},"ConditionExpression":"attribute_exists(a)"}`).
			want(t, 400, v+`"Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {Expected} Expression parameters: {ConditionExpression}"}`)
		post(t, ts, "DeleteItem", `{"TableName":"tab","Key":{"pk":{"S":"a"}},"ConditionalOperator":"OR","Expected":{"l":{"ComparisonOperator":"NOT_NULL"},"sk":{"AttributeValueList":[{"N":"123456789012345678901234567890123456789"}]}}}`).
			want(t, 400, v+`"One or more parameter values were invalid: AttributeValueList can only be used with a ComparisonOperator for Attribute: sk"}`)
		post(t, ts, "UpdateItem", `{"TableName":"tab","Key":{"pk":{"S":"a"}},"AttributeUpdates":{"a":{"Value":{"N":"1E+126"}}},"UpdateExpression":"REMOVE b"}`).
			want(t, 400, v+`"Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {AttributeUpdates} Expression parameters: {UpdateExpression}"}`)
		post(t, ts, "Scan", `{"TableName":"tab","ScanFilter":{"a":{"ComparisonOperator":"EQ","AttributeValueList":[{"N":"1E+126"}]}},"FilterExpression":"a = b"}`).
			want(t, 400, v+`"Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {ScanFilter} Expression parameters: {FilterExpression}"}`)
		// Entry by entry, in request order: its members, its values, its
		// operator and argument count.
		post(t, ts, "PutItem", `{"TableName":"tab","Item":{"pk":{"S":"a"}},"Expected":{"b":{"Value":{"N":"1E+126"}},"a":{"Exists":true}}}`).
			want(t, 400, v+`"Number overflow. Attempting to store a number with magnitude larger than supported range"}`)
		post(t, ts, "PutItem", `{"TableName":"tab","Item":{"pk":{"S":"a"}},"Expected":{"b":{"Exists":true},"a":{"Value":{"N":"1E+126"}}}}`).
			want(t, 400, v+`"One or more parameter values were invalid: Value must be provided when Exists is true for Attribute: b"}`)
		post(t, ts, "PutItem", `{"TableName":"tab","Item":{"pk":{"S":"a"}},"Expected":{"a":{"ComparisonOperator":"XX","AttributeValueList":[{"N":"1E+126"}]}}}`).
			want(t, 400, v+`"Number overflow. Attempting to store a number with magnitude larger than supported range"}`)
		post(t, ts, "PutItem", `{"TableName":"tab","Item":{"pk":{"S":"a"}},"Expected":{"a":{"ComparisonOperator":"EQ","Exists":true,"Value":{"N":"1E+126"}}}}`).
			want(t, 400, v+`"One or more parameter values were invalid: Exists and ComparisonOperator cannot be used together for Attribute: a"}`)
		// AttributeUpdates entry by entry in request order: value, then
		// whether the Action takes it; Coral's Action enum first.
		post(t, ts, "UpdateItem", `{"TableName":"tab","Key":{"pk":{"S":"b"}},"AttributeUpdates":{"a":{"Action":"ADD","Value":{"B":"AQI="}},"n":{"Action":"ADD","Value":{"NS":["-1","1E+126"]}}}}`).
			want(t, 400, v+`"One or more parameter values were invalid: ADD action is not supported for the type BINARY"}`)
		post(t, ts, "UpdateItem", `{"TableName":"tab","Key":{"pk":{"S":"b"}},"AttributeUpdates":{"n":{"Action":"ADD","Value":{"NS":["-1","1E+126"]}},"a":{"Action":"ADD","Value":{"B":"AQI="}}}}`).
			want(t, 400, v+`"Number overflow. Attempting to store a number with magnitude larger than supported range"}`)
		post(t, ts, "UpdateItem", `{"TableName":"tab","Key":{"pk":{"S":"b"}},"AttributeUpdates":{"n":{"Action":"ADD","Value":{"N":"1E+126"}},"a":{"Action":"REPLACE","Value":{"B":"AQI="}}}}`).
			want(t, 400, v+`"1 validation error detected: Value 'REPLACE' at 'attributeUpdates.a.member.action' failed to satisfy constraint: Member must satisfy enum value set: [ADD, DELETE, PUT]"}`)
		// The item's invalid values before Expected's, whatever the order
		// of the parameters in the body.
		post(t, ts, "PutItem", `{"TableName":"tab","Expected":{"l":{"Exists":true,"Value":{"NS":["1E+126"]}}},"Item":{"pk":{"S":"a"},"c":{"NS":["1E-131"]}}}`).
			want(t, 400, v+`"Number underflow. Attempting to store a number with magnitude smaller than supported range"}`)
		// The item's own values come before Expected's shape; a well-formed
		// request keeps its value error.
		post(t, ts, "PutItem", `{"TableName":"tab","Item":{"pk":{"S":"a"},"c":{"N":"1E+126"}},"Expected":{"a":{"Exists":true}}}`).
			want(t, 400, v+`"Number overflow. Attempting to store a number with magnitude larger than supported range"}`)
		post(t, ts, "PutItem", `{"TableName":"tab","Item":{"pk":{"S":"a"}},"Expected":{"a":{"Value":{"N":"1E+126"}}}}`).
			want(t, 400, v+`"Number overflow. Attempting to store a number with magnitude larger than supported range"}`)
	})
}

// TestLegacyLateErrors: a repeated AttributesToGet name and a
// ConditionalOperator joining fewer than two filter conditions are reported
// by Query and Scan only once the table, the index, the key conditions and
// the Select rules have passed (DynamoDB Local).
func TestLegacyLateErrors(t *testing.T) {
	forTransports(t, func(t *testing.T, tr transport) {
		ts := startOn(t, tr, openTestDB(t), Options{})
		if r := post(t, ts, "CreateTable", `{"TableName":"tab","AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],"KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],"BillingMode":"PAY_PER_REQUEST"}`); r.status != 200 {
			t.Fatalf("CreateTable: %d %s", r.status, r.body)
		}
		const v = `{"__type":"com.amazon.coral.validate#ValidationException","message":`
		notFound := `{"__type":"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException","message":"Requested resource not found"}`
		dup := v + `"Cannot have two attributes with the same name"}`
		kc := `"KeyConditions":{"pk":{"ComparisonOperator":"EQ","AttributeValueList":[{"S":"a"}]}}`
		post(t, ts, "Scan", `{"TableName":"nosuch","AttributesToGet":["a","b","a"]}`).want(t, 400, notFound)
		post(t, ts, "Query", `{"TableName":"nosuch",`+kc+`,"AttributesToGet":["a","b","a"]}`).want(t, 400, notFound)
		post(t, ts, "Scan", `{"TableName":"nosuch","ConditionalOperator":"AND"}`).want(t, 400, notFound)
		post(t, ts, "Scan", `{"TableName":"tab","IndexName":"nope","ConditionalOperator":"AND","ScanFilter":{"a":{"ComparisonOperator":"NULL"}}}`).
			want(t, 400, v+`"The table does not have the specified index: nope"}`)
		post(t, ts, "Scan", `{"TableName":"tab","AttributesToGet":["a","b","a"],"Select":"ALL_ATTRIBUTES"}`).
			want(t, 400, v+`"Cannot specify the AttributesToGet when choosing to get ALL_ATTRIBUTES"}`)
		post(t, ts, "Scan", `{"TableName":"tab","AttributesToGet":["a","b","a"]}`).want(t, 400, dup)
		post(t, ts, "Query", `{"TableName":"tab",`+kc+`,"AttributesToGet":["a","b","a"]}`).want(t, 400, dup)
		post(t, ts, "Query", `{"TableName":"tab",`+kc+`,"ConditionalOperator":"OR"}`).
			want(t, 400, v+`"ConditionalOperator cannot be used without Filter or Expected"}`)
		post(t, ts, "Scan", `{"TableName":"tab","ConditionalOperator":"OR","ScanFilter":{"a":{"ComparisonOperator":"NULL"}}}`).
			want(t, 400, v+`"ConditionalOperator can only be used when Filter or Expected has two or more elements"}`)
		// GetItem reports a repeated name at once.
		post(t, ts, "GetItem", `{"TableName":"nosuch","Key":{"pk":{"S":"a"}},"AttributesToGet":["a","b","a"]}`).want(t, 400, dup)
	})
}
