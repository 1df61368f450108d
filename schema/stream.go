package schema

import "encoding/json"

// UnmarshalJSON decodes a StreamSpecification, remembering whether it
// carried StreamEnabled. The member is required in DynamoDB's model (the
// API reference: StreamEnabled, Required: Yes), so DynamoDB answers
// `"StreamSpecification": {}` on CreateTable and UpdateTable with Coral's
// null constraint on streamSpecification.streamEnabled; a plain bool would
// read it as false (a request to disable the stream). DynamoDB Local
// answers "Stream StreamEnabled was null".
func (s *StreamSpecification) UnmarshalJSON(b []byte) error {
	var raw struct {
		StreamEnabled  *bool
		StreamViewType string
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	*s = StreamSpecification{StreamViewType: raw.StreamViewType, enabledMissing: raw.StreamEnabled == nil}
	if raw.StreamEnabled != nil {
		s.StreamEnabled = *raw.StreamEnabled
	}
	return nil
}
