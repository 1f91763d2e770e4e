"""TS701 model-without-table: a model that matches no DynamoDB table of the templates."""

from __future__ import annotations

from tagscan.rules.ts7xx_against import AgainstRule

MODEL_WITHOUT_TABLE = "TS701"


class ModelWithoutTable(AgainstRule):
    """## What it does
    With `--against`, matches each model's table to an `AWS::DynamoDB::Table` or `GlobalTable`
    resource, trying in order: a Lambda environment variable named as the model's env var whose
    value references the table (`Ref`, `Fn::GetAtt`, `Fn::ImportValue` of an output), a literal
    `TableName` equal to the model's literal or default name, the `ModelName` tag of a
    `DynamORMTable`, a construct id in the `aws:cdk:path` metadata. Flags a model no way matches.

    ## Why is this bad?
    The code reads and writes a table the stack does not create: every call fails with
    `ResourceNotFoundException`, or, when the env var is unset, lands in the ORM's pluralised
    default table.

    ## Example
    ```go
    func (o *Order) TableName() string { return os.Getenv("ORDERS_TABLE_NAME") }
    // and no function in the template has ORDERS_TABLE_NAME: {"Ref": "OrdersTable..."}
    ```

    Use instead:
    ```go
    // pass the table's name to the function under the variable the model reads:
    // Environment.Variables.ORDERS_TABLE_NAME = {"Ref": "OrdersTable1F8332C7"}
    ```
    """

    id = MODEL_WITHOUT_TABLE
    name = "model-without-table"
    severity = "error"
    summary = "A model matches no table of the --against templates"
