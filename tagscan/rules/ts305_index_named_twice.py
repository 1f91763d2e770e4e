"""TS305 index-named-twice: one tag names the same index in two clauses."""

from __future__ import annotations

from collections.abc import Iterator

from tagscan.lint.rule import Finding, LintContext, Rule
from tagscan.rules._helpers import index_clauses, is_tagged, orm_fields, tag_location


class IndexNamedTwice(Rule):
    """## What it does
    Flags a tag with two `index:`/`lsi:` clauses for the same index name.

    ## Why is this bad?
    A field keeps one role per index: the ORM silently keeps only the last clause.
    `index:g1,sk,index:g1,pk` makes the field g1's partition key only. (One attribute cannot be
    both keys of an index either: DynamoDB rejects a key schema whose hash and range are equal.)

    ## Example
    ```go
    type Order struct {
        ID     string `dynamorm:"pk"`
        Status string `dynamorm:"index:gsi-status,pk,index:gsi-status,sk"`
    }
    ```

    Use instead:
    ```go
    type Order struct {
        ID     string `dynamorm:"pk"`
        Status string `dynamorm:"index:gsi-status,pk,index:gsi-type,sk"`
    }
    ```
    """

    id = "TS305"
    name = "index-named-twice"
    severity = "warning"
    summary = "One tag names the same index twice; only the last clause counts"

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        for _, field in filter(lambda owned: is_tagged(owned[1]), orm_fields(ctx.scan)):
            names = [index for _, index, _ in index_clauses(field)]
            for index in sorted({name for name in names if names.count(name) > 1}):
                yield self.finding(
                    tag_location(field),
                    f"{field.name} names index {index!r} {names.count(index)} times;"
                    " the ORM keeps only the last clause",
                    hint=f"name index {index!r} once in the tag, with the role you mean",
                )
