"""TS702 unused-dynamorm-table: a DynamORM-tagged table no scanned model uses."""

from __future__ import annotations

from tagscan.rules._against import AgainstRule

UNUSED_DYNAMORM_TABLE = "TS702"


class UnusedDynamormTable(AgainstRule):
    """## What it does
    With `--against`, flags a table resource tagged `DynamORM=true` or `ModelName=...` (what
    `DynamORMTable` adds) that no scanned model matches. The finding sits at the resource in the
    template.

    ## Why is this bad?
    A table built for a model that no longer exists, or whose model moved or changed its env var
    or name, so the code now talks to another table. Either way the stack pays for a table that
    the models do not describe.

    ## Example
    ```yaml
    LedgerTable:
      Type: AWS::DynamoDB::Table
      Properties:
        Tags: [{Key: ModelName, Value: Ledger}]   # no Ledger model in ./models
    ```

    Use instead:
    ```yaml
    # remove the table (after retaining or exporting its data), or scan the package with its model
    ```
    """

    id = UNUSED_DYNAMORM_TABLE
    name = "unused-dynamorm-table"
    severity = "warning"
    summary = "A DynamORM-tagged table in the templates is used by no model"
