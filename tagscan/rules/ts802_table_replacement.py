"""TS802 table-replacement: a change that makes CloudFormation replace the table."""

from __future__ import annotations

from tagscan.rules._against import AgainstRule

TABLE_REPLACEMENT = "TS802"


class TableReplacement(AgainstRule):
    """## What it does
    With `--against` a deployed template, flags changes between the deployed table and the one
    the models would synthesize that require replacement: the key schema, the set of LSIs, the
    type of an existing key attribute, the physical `TableName`.

    ## Why is this bad?
    Replacement creates a new, empty table and deletes (or, with Retain, orphans) the old one with
    its data. With a custom `TableName` the update fails instead: `CloudFormation cannot update a
    stack when a custom-named resource requires replacing`.

    ## Example
    ```go
    WindowTime string `dynamorm:"sk"` // the deployed sort key is WindowTime; the ORM writes windowTime
    ```

    Use instead:
    ```go
    WindowTime string `dynamorm:"sk,attr:WindowTime"` // keep the deployed key; migrate data deliberately
    ```
    """

    id = TABLE_REPLACEMENT
    name = "table-replacement"
    severity = "error"
    summary = "The update replaces the table (key schema, LSIs, key type or name change)"
