"""TS303 key-bound-to-index: `pk`/`sk` after an index clause that was probably meant for the table."""

from __future__ import annotations

from collections.abc import Iterator

from tagscan.lint.rule import Finding, LintContext, Rule
from tagscan.rules._helpers import index_clauses, is_tagged, once, registered_structs, tag_location


class KeyBoundToIndex(Rule):
    """## What it does
    Flags `pk`/`sk` written after an `index:NAME` clause when it was likely meant for the table:
    the clause carries both `pk` and `sk` (the field becomes both keys of the index), or it
    carries `pk` in a model that has no table partition key.

    ## Why is this bad?
    The ORM glues every `pk`, `sk` and `sparse` that follows `index:NAME` to that index, so order
    matters: `index:g,pk` is the GSI's partition key, `pk,index:g` is the table's *and* the GSI's.
    The ORM accepts the tag but the table loses its key (`missing primary key`), or the index
    gets one attribute as both keys, which DynamoDB rejects ("Both the Hash Key and the Range Key
    element in the KeySchema have the same name").

    ## Example
    ```go
    type Order struct {
        ID     string `dynamorm:"index:gsi-id,pk"`
        Status string `dynamorm:"index:gsi-status,pk,sk"`
    }
    ```

    Use instead:
    ```go
    type Order struct {
        ID     string `dynamorm:"pk,index:gsi-id"`
        Status string `dynamorm:"sk,index:gsi-status,pk"`
    }
    ```
    """

    id = "TS303"
    name = "key-bound-to-index"
    severity = "warning"
    summary = "pk/sk after an index clause binds to the index, not the table"

    @once
    def check(self, ctx: LintContext) -> Iterator[Finding]:
        for owner in registered_structs(ctx.scan):
            table_has_pk = any(f.pk and not f.skipped for f in owner.fields)
            for field in filter(is_tagged, owner.fields):
                for directive, index, modifiers in index_clauses(field):
                    bound = [m for m in ("pk", "sk") if m in modifiers]
                    if bound == ["pk", "sk"] or (bound == ["pk"] and not table_has_pk):
                        keys, verb = " and ".join(bound), "bind" if len(bound) > 1 else "binds"
                        yield self.finding(
                            tag_location(field),
                            f"{keys} after {directive}:{index} {verb} to index {index!r}, not to the table",
                            hint=f"to key the table, write it before the clause: {bound[0]},{directive}:{index}",
                        )
