"""TS301 duplicate-attribute-name: two fields of one model write the same attribute."""

from __future__ import annotations

from collections.abc import Iterator

from tagscan.lint.rule import Finding, LintContext, Rule
from tagscan.rules._helpers import attribute_clashes, once, registered_structs, rules_of


class DuplicateAttributeName(Rule):
    """## What it does
    Flags a field whose DynamoDB attribute name is already used by an earlier field of the same
    model (an `attr:` override, a converted Go name, or a field of an embedded struct).

    ## Why is this bad?
    The ORM accepts it, but when it marshals the item the later field silently overwrites the
    earlier one, so one value is lost on every write. TableTheory 3.0.2 and later reject such
    models (TS215, TS216 there); this rule is for the releases before.

    ## Example
    ```go
    type User struct {
        ID    string `dynamorm:"pk"`
        Email string `dynamorm:"attr:contact"`
        Phone string `dynamorm:"attr:contact"`
    }
    ```

    Use instead:
    ```go
    type User struct {
        ID    string `dynamorm:"pk"`
        Email string `dynamorm:"attr:email"`
        Phone string `dynamorm:"attr:phone"`
    }
    ```
    """

    id = "TS301"
    name = "duplicate-attribute-name"
    severity = "warning"
    summary = "Two fields of a model write the same attribute"

    @once
    def check(self, ctx: LintContext) -> Iterator[Finding]:
        for owner in registered_structs(ctx.scan):
            if rules_of(owner).rejects_duplicate_attributes:
                continue  # an error there: TS215, TS216
            for first, field in attribute_clashes(owner.fields):
                yield self.finding(
                        field.location,
                        f"{owner.name}.{field.name} writes attribute {field.attribute!r}, already written"
                        f" by {first.name} (line {first.location.line}); one value overwrites the other",
                        hint=f"give one of them another name with attr:, or exclude it with {owner.tag_key}:\"-\"",
                    )
