"""TS211 invalid-lifecycle-type: `created_at`/`updated_at` on a field that is not `time.Time`."""

from __future__ import annotations

from tagscan.model import GoType
from tagscan.rules._helpers import FieldTypeRule


class InvalidLifecycleType(FieldTypeRule):
    """## What it does
    Flags a field tagged `created_at` or `updated_at` whose type is not exactly `time.Time`
    (a pointer, a Unix int64 or a named copy of time.Time is rejected).

    ## Why is this bad?
    The ORM rejects the model:
    `field validation failed: invalid struct tag: created_at/updated_at fields must be time.Time`.

    ## Example
    ```go
    type Order struct {
        ID        string     `dynamorm:"pk"`
        UpdatedAt *time.Time `dynamorm:"updated_at"`
    }
    ```

    Use instead:
    ```go
    type Order struct {
        ID        string    `dynamorm:"pk"`
        UpdatedAt time.Time `dynamorm:"updated_at"`
    }
    ```
    """

    id = "TS211"
    name = "invalid-lifecycle-type"
    severity = "error"
    summary = "A created_at/updated_at field is not time.Time"
    directives = ("created_at", "updated_at")
    orm_error = "created_at/updated_at fields must be time.Time"
    fix = "declare the field time.Time (not a pointer)"

    def accepts(self, go_type: GoType) -> bool:
        # the ORM compares the type's name with "time.Time", so even unresolved types are decided
        return go_type.is_time
