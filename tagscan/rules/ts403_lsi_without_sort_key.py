"""TS403 lsi-without-sort-key: a local secondary index without a table sort key or its own."""

from __future__ import annotations

from collections.abc import Iterator

from tagscan.lint.locate import index_location
from tagscan.lint.rule import Finding, LintContext, Rule

AWS_ERROR = "Table KeySchema does not have a range key, which is required when specifying a LocalSecondaryIndex"


class LsiWithoutSortKey(Rule):
    """## What it does
    Flags a local secondary index (`lsi:` or an `index:lsi-...` name) in a model without a table
    sort key, or an LSI without a sort key of its own (`index:lsi-x` alone only names a
    partition key, which the ORM replaces with the table's).

    ## Why is this bad?
    The ORM accepts the model, but DynamoDB and CloudFormation reject the table:
    "Table KeySchema does not have a range key, which is required when specifying a
    LocalSecondaryIndex". An LSI re-sorts the items of one partition key by exactly one sort key.

    ## Example
    ```go
    type Order struct {
        TenantID  string    `dynamorm:"pk"`
        CreatedAt time.Time `dynamorm:"lsi:lsi-created"`
    }
    ```

    Use instead:
    ```go
    type Order struct {
        TenantID  string    `dynamorm:"pk"`
        ID        string    `dynamorm:"sk"`
        CreatedAt time.Time `dynamorm:"lsi:lsi-created"`
    }
    ```
    """

    id = "TS403"
    name = "lsi-without-sort-key"
    severity = "error"
    summary = "A local secondary index on a table without a sort key"

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        for model in ctx.scan.models:
            for index in (i for i in model.indexes if i.kind == "LSI"):
                if model.sort_key is None:
                    message = f"{model.name} has LSI {index.name!r} but no table sort key: {AWS_ERROR}"
                    hint = "tag a table sort key field sk, or make the index a GSI (index:NAME,pk and index:NAME,sk)"
                elif index.sort_key is None:
                    message = f"local secondary index {index.name!r} of {model.name} has no sort key"
                    hint = f"write lsi:{index.name} on the field to sort by"
                else:
                    continue
                yield self.finding(index_location(model, index.name), message, hint=hint)
