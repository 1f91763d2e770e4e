"""TS502 shared-index-conflict: models sharing a table define one index differently."""

from __future__ import annotations

from collections.abc import Iterator

from tagscan.lint.locate import index_location, key_location
from tagscan.lint.rule import Finding, LintContext, Rule
from tagscan.model import Index, Location, Model, key_phrase
from tagscan.rules._helpers import models_by_table, source_position, table_label


def shape(index: Index) -> str:
    return f"{index.kind} {key_phrase(index.partition_key)} / {key_phrase(index.sort_key)}"


def conflict_location(model: Model, ours: Index, theirs: Index) -> Location:
    """The field of the first key that differs, else where the index is declared."""
    for key, other in ((ours.partition_key, theirs.partition_key), (ours.sort_key, theirs.sort_key)):
        if key and key_phrase(key) != key_phrase(other):
            return key_location(model, key)
    return index_location(model, ours.name)


class SharedIndexConflict(Rule):
    """## What it does
    Compares the indexes of models that share one table and flags a model whose index of a
    given name has another kind (GSI/LSI), partition key or sort key than the first model's.

    ## Why is this bad?
    An index name is unique in a table. Queries of one model return the other's items in the
    wrong shape, and the synthesized CloudFormation table can only define one of them.

    ## Example
    ```go
    type User struct {
        ID    string `dynamorm:"pk,attr:PK"`
        Email string `dynamorm:"index:gsi1,attr:gsi1pk"`
    }
    type Order struct {
        ID     string `dynamorm:"pk,attr:PK"`
        Status string `dynamorm:"index:gsi1"` // attribute status
    }
    ```

    Use instead:
    ```go
    type Order struct {
        ID     string `dynamorm:"pk,attr:PK"`
        Status string `dynamorm:"index:gsi1,attr:gsi1pk"`
    }
    ```
    """

    id = "TS502"
    name = "shared-index-conflict"
    severity = "error"
    summary = "Models sharing a table define an index differently"

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        for models in models_by_table(ctx.scan).values():
            defined: dict[str, tuple[Model, Index]] = {}
            for model in models:
                for index in model.indexes:
                    first, theirs = defined.setdefault(index.name, (model, index))
                    if first is not model and shape(theirs) != shape(index):
                        yield self.finding(
                            conflict_location(model, index, theirs),
                            f"{model.name} and {first.name} share {table_label(model)} but define index"
                            f" {index.name!r} differently: {shape(index)} here,"
                            f" {shape(theirs)} in {first.name} ({source_position(first)})",
                            hint="give the index the same kind and key attributes in every model, or rename one",
                        )
