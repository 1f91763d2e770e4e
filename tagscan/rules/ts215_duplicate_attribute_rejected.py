"""TS215 duplicate-attribute-rejected: two fields write one attribute, which TableTheory 3.0.2+ rejects."""

from __future__ import annotations

from collections.abc import Iterator

from tagscan.lint.rule import Finding, LintContext, Rule
from tagscan.model import Field
from tagscan.rules._helpers import attribute_clashes, once, registered_structs, rules_of

KEY_PREFIX = "duplicate primary key definition: "  # ErrDuplicatePrimaryKey, when a key is involved
MODEL_PREFIX = "invalid model: "


def embedded_go_name_repeated(first: Field, later: Field) -> bool:
    """The case TS216 reports: one Go name, reached through an embed on one side."""
    return first.name == later.name and first.embedded_path != later.embedded_path


class DuplicateAttributeRejected(Rule):
    """## What it does
    Under TableTheory 3.0.2 and later, flags a field whose attribute name an earlier field of the
    same model already writes (an `attr:` override, a converted Go name, the dynamorm convention's
    `PK`/`SK`, or a field of an embedded struct).

    ## Why is this bad?
    The ORM rejects the model:
    `invalid model: duplicate database attribute name "x" for fields A and B`, or, when a table
    key is one of them, `duplicate primary key definition: duplicate database attribute name ...`.
    Earlier releases accepted it and lost one of the values on every write (TS301).

    ## Example
    ```go
    type Profile struct {
        ID    string `theorydb:"pk"`
        Email string `theorydb:"attr:contact"`
        Phone string `theorydb:"attr:contact"`
    }
    ```

    Use instead:
    ```go
    type Profile struct {
        ID    string `theorydb:"pk"`
        Email string `theorydb:"attr:email"`
        Phone string `theorydb:"attr:phone"`
    }
    ```
    """

    id = "TS215"
    name = "duplicate-attribute-rejected"
    severity = "error"
    summary = "Two fields write one attribute name (rejected from TableTheory 3.0.2)"

    @once
    def check(self, ctx: LintContext) -> Iterator[Finding]:
        for owner in registered_structs(ctx.scan):
            if not rules_of(owner).rejects_duplicate_attributes:
                continue
            for first, field in attribute_clashes(owner.fields):
                if embedded_go_name_repeated(first, field):
                    continue  # TS216
                prefix = KEY_PREFIX if first.pk or first.sk or field.pk or field.sk else MODEL_PREFIX
                yield self.finding(
                    field.location,
                    f'{prefix}duplicate database attribute name "{field.attribute}" for fields {first.name} and {field.name}',
                    hint=f"give one of them another name with attr:, or exclude it with {owner.tag_key}:\"-\"",
                )
