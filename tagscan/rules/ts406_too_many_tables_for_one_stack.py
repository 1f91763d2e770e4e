"""TS406 too-many-tables-for-one-stack: more tables than one CloudFormation stack can hold."""

from __future__ import annotations

from collections.abc import Iterator

from tagscan.lint.locate import struct_location
from tagscan.lint.rule import Finding, LintContext, Rule

# CloudFormation's quotas per stack (hard limits).
MAX_RESOURCES = 500
MAX_OUTPUTS = 200
# What `tagscan synth` and `DynamORMModelsStack` build per table: the table, and an output with its name.
RESOURCES_PER_TABLE = 1
OUTPUTS_PER_TABLE = 1


class TooManyTablesForOneStack(Rule):
    """## What it does
    Counts the tables of the scanned models and flags them when the stack `tagscan synth` (or
    `DynamORMModelsStack`) builds from them would have more than 500 resources or 200 outputs:
    each table is one `AWS::DynamoDB::Table` resource and one output holding its name.

    ## Why is this bad?
    CloudFormation refuses a template with more than 500 resources or 200 outputs, at deploy
    time: the synth succeeds and the deployment of every table fails.

    ## Example
    ```go
    // 201 packages of models, each with its own TableName(), all synthesized at once:
    // tagscan synth ./services/...
    ```

    Use instead:
    ```go
    // one stack per group of services, each under 200 tables:
    // tagscan synth ./services/billing -o billing.out --stack-name Billing
    // tagscan synth ./services/orders -o orders.out --stack-name Orders
    ```
    """

    id = "TS406"
    name = "too-many-tables-for-one-stack"
    severity = "error"
    summary = "The models' tables need more resources or outputs than one CloudFormation stack allows"

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        tables = ctx.scan.tables
        resources, outputs = len(tables) * RESOURCES_PER_TABLE, len(tables) * OUTPUTS_PER_TABLE
        if resources <= MAX_RESOURCES and outputs <= MAX_OUTPUTS:
            return
        # The first table past the limit that binds: where the stack stops fitting.
        first_extra = min(MAX_RESOURCES // RESOURCES_PER_TABLE, MAX_OUTPUTS // OUTPUTS_PER_TABLE)
        models = ctx.scan.models_of(tables[first_extra])
        yield self.finding(
            struct_location(models[0]),
            f"the models have {len(tables)} tables: one stack of them has {resources} resources and {outputs} outputs; "
            f"CloudFormation allows at most {MAX_RESOURCES} resources and {MAX_OUTPUTS} outputs per stack",
            hint="split the models into several stacks: synth each group of packages with its own -o and --stack-name",
        )
