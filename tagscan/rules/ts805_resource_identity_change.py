"""TS805 resource-identity-change: the table's resource type or logical id changes."""

from __future__ import annotations

from tagscan.rules._against import AgainstRule

RESOURCE_IDENTITY_CHANGE = "TS805"


class ResourceIdentityChange(AgainstRule):
    """## What it does
    With `--against` a deployed template, flags a table whose resource type changes
    (`AWS::DynamoDB::Table` ↔ `AWS::DynamoDB::GlobalTable`; `tagscan synth` emits `Table`) or, between
    two templates, whose logical id changes.

    ## Why is this bad?
    CloudFormation does not convert or rename resources: it creates a new table and deletes the old
    one (or orphans it with Retain), and the application moves to an empty table.

    ## Example
    ```yaml
    OrdersTable:            # deployed as AWS::DynamoDB::GlobalTable
      Type: AWS::DynamoDB::Table
    ```

    Use instead:
    ```yaml
    # keep the deployed type and logical id; migrate with RETAIN, remove from the stack, `cdk import`
    ```
    """

    id = RESOURCE_IDENTITY_CHANGE
    name = "resource-identity-change"
    severity = "warning"
    summary = "The table's resource type or logical id changes"
