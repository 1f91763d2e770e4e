"""TS208 invalid-ttl-type: a `ttl` field whose kind is not int64 or uint64."""

from __future__ import annotations

from tagscan.model import GoType
from tagscan.rules._helpers import FieldTypeRule


class InvalidTtlType(FieldTypeRule):
    """## What it does
    Flags a field tagged `ttl` whose type is not of kind `int64` or `uint64`. Named types such as
    `type Epoch int64` are fine; `time.Time`, `int` and `*int64` are not.

    ## Why is this bad?
    The ORM rejects the model:
    `field validation failed: invalid struct tag: ttl field must be int64 or uint64`.
    DynamoDB's TTL reads a Number of epoch seconds, which is what an int64 field is written as.

    ## Known problems
    A type declared outside the scanned files has an unknown kind and is not checked (TS004
    reports it); scan the package that declares it too.

    ## Example
    ```go
    type Session struct {
        ID        string    `dynamorm:"pk"`
        ExpiresAt time.Time `dynamorm:"ttl"`
    }
    ```

    Use instead:
    ```go
    type Session struct {
        ID        string `dynamorm:"pk"`
        ExpiresAt int64  `dynamorm:"ttl"` // time.Now().Add(ttl).Unix()
    }
    ```
    """

    id = "TS208"
    name = "invalid-ttl-type"
    severity = "error"
    summary = "A ttl field is not int64 or uint64"
    directives = ("ttl",)
    orm_error = "ttl field must be int64 or uint64"
    fix = "declare the field int64 and store Unix epoch seconds (t.Unix())"

    def accepts(self, go_type: GoType) -> bool | None:
        if go_type.is_time:
            return False
        return None if go_type.kind == "unknown" else go_type.kind in ("int64", "uint64")
