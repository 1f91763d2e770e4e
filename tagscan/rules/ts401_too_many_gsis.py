"""TS401 too-many-gsis: more than 20 global secondary indexes on one table."""

from __future__ import annotations

from tagscan.rules._helpers import IndexQuotaRule


class TooManyGsis(IndexQuotaRule):
    """## What it does
    Counts the distinct global secondary indexes of each table over all models that share it
    and flags a table with more than 20 (the default DynamoDB quota).

    ## Why is this bad?
    CreateTable and the CloudFormation deployment fail; nothing in the ORM checks it.

    ## Example
    ```go
    type Item struct {
        ID  string `dynamorm:"pk"`
        A01 string `dynamorm:"index:gsi-a01"`
        // ... 20 more index:gsi-aNN fields
    }
    ```

    Use instead:
    ```go
    // overload a few generic indexes (single-table design)
    type Item struct {
        ID     string `dynamorm:"pk"`
        GSI1PK string `dynamorm:"index:gsi1,pk,attr:gsi1pk"`
        GSI1SK string `dynamorm:"index:gsi1,sk,attr:gsi1sk"`
    }
    ```
    """

    id = "TS401"
    name = "too-many-gsis"
    severity = "error"
    summary = "A table has more than 20 global secondary indexes"
    kind = "GSI"
    limit = 20
    fix = "overload generic indexes (gsi1pk/gsi1sk) across access patterns, or split the table"
