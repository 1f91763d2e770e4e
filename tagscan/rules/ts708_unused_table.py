"""TS708 unused-table: a table of the templates that no scanned model matches."""

from __future__ import annotations

from tagscan.rules._against import AgainstRule

UNUSED_TABLE = "TS708"


class UnusedTable(AgainstRule):
    """## What it does
    With `--against`, notes each DynamoDB table of the templates that no scanned model matches and
    that carries no DynamORM tag (those are TS702). The finding sits at the resource in the
    template. It is `info`: it does not fail `lint` under the default `--fail-on error`.

    ## Why is this bad?
    Often it is nothing: a table other code uses. But it is also what a table looks like when
    its models' env var, name or construct id changed and they now reach another table, or when
    the models that used it are gone and the stack still pays for it. Either way it should be a
    decision, not a silence.

    ## Example
    ```yaml
    LegacyStateTable:            # nothing reads it since the move to StateTable
      Type: AWS::DynamoDB::Table
      DeletionPolicy: Retain
    ```

    Use instead:
    ```yaml
    # remove it once its data is archived, or bind it to its models in [tool.tagscan.bindings]
    ```
    """

    id = UNUSED_TABLE
    name = "unused-table"
    severity = "info"
    summary = "A table in the templates is matched by no model"
