package models

import (
	"os"
	"time"
)

// IdempotencyRecord remembers the outcome of one request so that a retry returns it instead of running twice.
// IdempotencyTable builds its table from this struct: keys, indexes and TTL all come from these tags.
type IdempotencyRecord struct {
	IdempotencyKey string    `dynamorm:"pk" json:"idempotency_key"`
	SK             string    `dynamorm:"sk" json:"sk"`
	FunctionName   string    `dynamorm:"index:gsi-function,pk" json:"function_name"`
	Status         string    `dynamorm:"index:gsi-status,pk" json:"status"`
	Response       string    `json:"response,omitempty"`
	ExpiresAt      int64     `dynamorm:"ttl" json:"expires_at"` // Unix seconds: DynamoDB TTL needs a number
	CreatedAt      time.Time `dynamorm:"created_at" json:"created_at"`
	UpdatedAt      time.Time `dynamorm:"updated_at" json:"updated_at"`
}

// TableName reads the variable DynamORMFunction sets for a table construct with id IdempotencyTable.
func (r *IdempotencyRecord) TableName() string {
	return os.Getenv("IDEMPOTENCYTABLE_TABLE_NAME")
}
