"""TS703 key-mismatch: the table's partition or sort key differs from what the model writes."""

from __future__ import annotations

from tagscan.rules._against import AgainstRule

KEY_MISMATCH = "TS703"


class KeyMismatch(AgainstRule):
    """## What it does
    With `--against`, compares the model's partition and sort key (attribute name as the ORM
    writes it, and S/N/B type) with the matched table's `KeySchema` and `AttributeDefinitions`.
    A name that differs only in case or convention gets a hint about the ORM's naming change in
    v1.0.31 (field names verbatim before, camelCase since).

    ## Why is this bad?
    DynamoDB rejects every write: `One of the required keys was not given a value` or
    `Type mismatch for key`.

    ## Example
    ```go
    type RateLimit struct {
        WindowTime string `dynamorm:"sk"` // the ORM writes windowTime
    }
    // the template: KeySchema [{AttributeName: WindowTime, KeyType: RANGE}]
    ```

    Use instead:
    ```go
    type RateLimit struct {
        WindowTime string `dynamorm:"sk,attr:WindowTime"` // or fix the template (a replacement)
    }
    ```
    """

    id = KEY_MISMATCH
    name = "key-mismatch"
    severity = "error"
    summary = "The table's partition or sort key differs from the model's"
