"""TS210 set-on-non-slice: `set` on a field that is not a slice."""

from __future__ import annotations

from tagscan.model import GoType
from tagscan.rules._helpers import FieldTypeRule


class SetOnNonSlice(FieldTypeRule):
    """## What it does
    Flags a field tagged `set` whose kind is not a slice (arrays and maps are rejected).

    ## Why is this bad?
    The ORM rejects the model:
    `field validation failed: invalid struct tag: set tag can only be used on slice types`.

    ## Known problems
    A type declared outside the scanned files has an unknown kind and is not checked (TS004
    reports it); scan the package that declares it too.

    ## Example
    ```go
    type Post struct {
        ID   string    `dynamorm:"pk"`
        Tags [4]string `dynamorm:"set"`
    }
    ```

    Use instead:
    ```go
    type Post struct {
        ID   string   `dynamorm:"pk"`
        Tags []string `dynamorm:"set"`
    }
    ```
    """

    id = "TS210"
    name = "set-on-non-slice"
    severity = "error"
    summary = "A set field is not a slice"
    directives = ("set",)
    orm_error = "set tag can only be used on slice types"
    fix = "declare the field as a slice ([]string, []int64 or [][]byte)"

    def accepts(self, go_type: GoType) -> bool | None:
        return None if go_type.kind == "unknown" else go_type.kind == "slice"
