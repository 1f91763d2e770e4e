"""TS402 too-many-lsis: more than 5 local secondary indexes on one table."""

from __future__ import annotations

from tagscan.rules._helpers import IndexQuotaRule


class TooManyLsis(IndexQuotaRule):
    """## What it does
    Counts the distinct local secondary indexes of each table over all models that share it
    (`lsi:` clauses and `index:lsi-...` names) and flags a table with more than 5.

    ## Why is this bad?
    DynamoDB allows at most 5 LSIs per table, a hard limit; CreateTable and the CloudFormation
    deployment fail. LSIs can only be created with the table, so this cannot be fixed later.

    ## Example
    ```go
    type Order struct {
        TenantID string `dynamorm:"pk"`
        ID       string `dynamorm:"sk"`
        A        string `dynamorm:"lsi:lsi-a"`
        // ... lsi-b to lsi-f
    }
    ```

    Use instead:
    ```go
    type Order struct {
        TenantID string `dynamorm:"pk,index:gsi-f"`
        ID       string `dynamorm:"sk"`
        A        string `dynamorm:"lsi:lsi-a"`
        F        string `dynamorm:"index:gsi-f,sk"`
    }
    ```
    """

    id = "TS402"
    name = "too-many-lsis"
    severity = "error"
    summary = "A table has more than 5 local secondary indexes"
    kind = "LSI"
    limit = 5
    fix = "turn the extra local indexes into global secondary indexes"
