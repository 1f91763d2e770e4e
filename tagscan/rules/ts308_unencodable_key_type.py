"""TS308 unencodable-key-type: a key field whose type is written as BOOL, L or M."""

from __future__ import annotations

from collections.abc import Iterator

from tagscan.lint.rule import Finding, LintContext, Rule
from tagscan.rules._helpers import key_roles, orm_fields, unencodable_key


class UnencodableKeyType(Rule):
    """## What it does
    Flags a table or index key field of type bool, struct (other than `time.Time`), map, array
    or a slice other than `[]byte`, or a pointer to one of these.

    ## Why is this bad?
    Key attributes must be String, Number or Binary. The ORM accepts the model and its
    CreateTable declares S (or B for slices), but the marshaler writes BOOL, M or L: every put
    fails with a ValidationException about the key's type.

    ## Known problems
    A type declared outside the scanned files has an unknown kind and is not checked (TS004
    reports it); scan the package that declares it too.

    ## Example
    ```go
    type Flag struct {
        ID      string `dynamorm:"pk"`
        Enabled bool   `dynamorm:"index:gsi-enabled"`
    }
    ```

    Use instead:
    ```go
    type Flag struct {
        ID      string `dynamorm:"pk"`
        Enabled string `dynamorm:"index:gsi-enabled"` // "true" / "false"
    }
    ```
    """

    id = "TS308"
    name = "unencodable-key-type"
    severity = "error"
    summary = "A key field's Go type is not written as S, N or B"

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        for _, field in orm_fields(ctx.scan):
            roles = key_roles(field)
            written = roles and not field.skipped and unencodable_key(field.go_type)
            if written:
                written = "a set (SS, NS or BS)" if field.set else written
                yield self.finding(
                    field.location,
                    f"{field.name} ({field.go_type.expr}) is {', '.join(roles)} but is written as {written};"
                    " DynamoDB keys must be S, N or B",
                    hint="use a string or number field for the key (format the value into it)",
                )
