"""TS007 not-a-model: a struct with ORM tags that is not reported as a model (reported by the scanner)."""

from __future__ import annotations

from tagscan.rules._helpers import PassThroughRule


class NotAModel(PassThroughRule):
    """## What it does
    Says why a struct with `dynamorm`/`theorydb` tags is not reported as a model: it is embedded
    by other structs (a building block whose fields they inherit) and has no `TableName` of its
    own, or it has neither a table `pk` nor a `TableName` method.

    ## Why is this bad?
    It is not bad in itself; it tells you what tagscan decided, so that no tagged struct drops
    out of the scan unseen. When the struct is a table's model, the note shows what is missing.

    ## Example
    ```go
    type Keys struct {
        PK string `dynamorm:"pk"`
    }

    type Order struct {
        Keys // Keys is a building block of Order
    }
    ```

    Use instead:
    ```go
    // nothing to change when Keys is a building block; for a model of its own, give it a table:
    func (Keys) TableName() string { return "keys" }
    ```
    """

    id = "TS007"
    name = "not-a-model"
    severity = "info"
    summary = "A tagged struct is not a model (embedded by others, or no pk and no TableName)"
