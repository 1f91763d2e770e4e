package models

import (
	"os"
	"time"
)

// RateLimitRecord counts the requests of one identifier in one time window.
// RateLimitTable builds its table from this struct: keys, indexes and TTL all come from these tags.
type RateLimitRecord struct {
	Identifier string    `dynamorm:"pk" json:"identifier"`
	WindowTime string    `dynamorm:"sk" json:"window_time"`
	IPAddress  string    `dynamorm:"index:gsi-ip,pk" json:"ip_address,omitempty"`
	UserID     string    `dynamorm:"index:gsi-user,pk" json:"user_id,omitempty"`
	TenantID   string    `dynamorm:"index:gsi-tenant,pk" json:"tenant_id,omitempty"`
	Count      int       `json:"count"`
	ExpiresAt  int64     `dynamorm:"ttl" json:"expires_at"` // Unix seconds: DynamoDB TTL needs a number
	CreatedAt  time.Time `dynamorm:"created_at" json:"created_at"`
	UpdatedAt  time.Time `dynamorm:"updated_at" json:"updated_at"`
}

// TableName reads the variable DynamORMFunction sets for a table construct with id RateLimitTable.
func (r *RateLimitRecord) TableName() string {
	return os.Getenv("RATELIMITTABLE_TABLE_NAME")
}
