"""TS405 attribute-name-too-long: a key attribute name longer than 255 bytes."""

from __future__ import annotations

from collections.abc import Iterator

from tagscan.lint.rule import Finding, LintContext, Rule
from tagscan.rules._helpers import key_roles, orm_fields

MAX_KEY_NAME_BYTES = 255


class AttributeNameTooLong(Rule):
    """## What it does
    Flags a table or index key attribute whose name is longer than 255 bytes (UTF-8).

    ## Why is this bad?
    DynamoDB limits the names of key attributes (and of attributes projected into LSIs) to 255
    bytes; CreateTable and the CloudFormation deployment fail.

    ## Example
    ```go
    type Order struct {
        ID string `dynamorm:"pk,attr:orderIdentifierThatGoesOnAndOn..."` // 300 characters
    }
    ```

    Use instead:
    ```go
    type Order struct {
        ID string `dynamorm:"pk,attr:orderId"`
    }
    ```
    """

    id = "TS405"
    name = "attribute-name-too-long"
    severity = "error"
    summary = "A key attribute name is longer than 255 bytes"

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        for _, field in orm_fields(ctx.scan):
            # a tag's \x escapes can leave bytes that are not UTF-8; the scanner keeps them as surrogates
            size = len(field.attribute.encode("utf-8", "surrogateescape"))
            if size > MAX_KEY_NAME_BYTES and key_roles(field) and not field.skipped:
                yield self.finding(
                    field.location,
                    f"key attribute name of {field.name} is {size} bytes; DynamoDB allows at most {MAX_KEY_NAME_BYTES}",
                    hint="choose a shorter attr: name",
                )
