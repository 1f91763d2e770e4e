"""TS701 model-without-table: a model that matches no DynamoDB table of the templates."""

from __future__ import annotations

from tagscan.rules._against import AgainstRule

MODEL_WITHOUT_TABLE = "TS701"


class ModelWithoutTable(AgainstRule):
    """## What it does
    With `--against`, binds each of the models' tables to `AWS::DynamoDB::Table` or `GlobalTable`
    resources, trying in order: a `[tool.tagscan.bindings]` entry; the first env var of the
    `TableName` chain that a Lambda function sets, when its value references a table (`Ref`,
    `Fn::GetAtt`, `Fn::ImportValue` of an output); a literal `TableName` equal to the models'
    literal, fallback or default name; the `ModelName` tag of a `DynamORMTable`; a construct id in
    the `aws:cdk:path` metadata. Flags the models no way binds, once per table, at their
    `TableName`, saying what was tried and what was skipped (a function that sets the variable to a
    parameter or a literal, an import of an export no given template has, a table another model's
    env var took).

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
    // or, when the name arrives as a CfnParameter or through SSM, say it in the configuration:
    // [tool.tagscan.bindings] ORDERS_TABLE_NAME = "Shop/OrdersTable"
    ```
    """

    id = MODEL_WITHOUT_TABLE
    name = "model-without-table"
    severity = "error"
    summary = "A model matches no table of the --against templates"
