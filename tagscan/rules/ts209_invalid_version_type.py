"""TS209 invalid-version-type: a `version` field that is not an integer."""

from __future__ import annotations

from tagscan.model import INTEGER_KINDS, GoType
from tagscan.rules._helpers import FieldTypeRule


class InvalidVersionType(FieldTypeRule):
    """## What it does
    Flags a field tagged `version` whose kind is not an integer kind (floats, strings and
    pointers are rejected).

    ## Why is this bad?
    The ORM rejects the model:
    `field validation failed: invalid struct tag: version field must be numeric`.
    Optimistic locking increments the field on every update.

    ## Known problems
    A type declared outside the scanned files has an unknown kind and is not checked (TS004
    reports it); scan the package that declares it too.

    ## Example
    ```go
    type Account struct {
        ID      string `dynamorm:"pk"`
        Version string `dynamorm:"version"`
    }
    ```

    Use instead:
    ```go
    type Account struct {
        ID      string `dynamorm:"pk"`
        Version int64  `dynamorm:"version"`
    }
    ```
    """

    id = "TS209"
    name = "invalid-version-type"
    severity = "error"
    summary = "A version field is not an integer"
    directives = ("version",)
    orm_error = "version field must be numeric"
    fix = "declare the version field int64"

    def accepts(self, go_type: GoType) -> bool | None:
        return None if go_type.kind == "unknown" else go_type.kind in INTEGER_KINDS
