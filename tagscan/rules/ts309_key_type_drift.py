"""TS309 key-type-drift: a pointer or `[]byte` key written differently from what CreateTable declares."""

from __future__ import annotations

from collections.abc import Iterator

from tagscan.lint.rule import Finding, LintContext, Rule
from tagscan.model import NUMBER_KINDS, GoType
from tagscan.rules._helpers import key_roles, orm_fields, unencodable_key


def drift(go_type: GoType) -> str | None:
    """How the declared and the written key type part ways (reference section 3.3), or None."""
    if go_type.kind == "slice" and go_type.elem_kind == "uint8":
        return "CreateTable declares B but the default marshaler writes []byte as a list of numbers (L)"
    if go_type.kind != "ptr":
        return None
    if go_type.elem_kind in NUMBER_KINDS:
        return "CreateTable declares S for a pointer but the marshaler writes the number as N"
    return "a nil pointer is written as NULL, which a key attribute cannot be"


class KeyTypeDrift(Rule):
    """## What it does
    Flags table or index key fields declared as a pointer (`*string`, `*int64`...) or `[]byte`.

    ## Why is this bad?
    The ORM's CreateTable derives the key type from the field's kind without following pointers:
    `*int64` is declared S but written N, so puts fail. A nil pointer key is written as NULL.
    `[]byte` is declared B but the default marshaler writes it as a list unless a custom
    converter is registered.

    ## Known problems
    A type declared outside the scanned files has an unknown kind and is not checked (TS004
    reports it); scan the package that declares it too.

    ## Example
    ```go
    type Invoice struct {
        ID     string `dynamorm:"pk"`
        Number *int64 `dynamorm:"index:gsi-number"`
    }
    ```

    Use instead:
    ```go
    type Invoice struct {
        ID     string `dynamorm:"pk"`
        Number int64  `dynamorm:"index:gsi-number"`
    }
    ```
    """

    id = "TS309"
    name = "key-type-drift"
    severity = "warning"
    summary = "A pointer or []byte key is written differently from its declared type"

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        for _, field in orm_fields(ctx.scan):
            roles = key_roles(field)
            problem = roles and not field.skipped and not unencodable_key(field.go_type) and drift(field.go_type)
            if problem:
                yield self.finding(
                    field.location,
                    f"{field.name} ({field.go_type.expr}) is {', '.join(roles)}: {problem}",
                    hint=f"declare the key as {field.go_type.expr.lstrip('*')} without the pointer"
                    if field.go_type.kind == "ptr"
                    else "store the key as a string (e.g. base64) or register a []byte converter",
                )
