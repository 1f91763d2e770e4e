"""TS705 index-mismatch: an index of the same name has other keys, types or kind on the table."""

from __future__ import annotations

from tagscan.rules._against import AgainstRule

INDEX_MISMATCH = "TS705"


class IndexMismatch(AgainstRule):
    """## What it does
    With `--against`, compares each index the model declares with the table's index of the same
    name: kind (GSI or LSI), partition and sort key attribute names and their types.

    ## Why is this bad?
    Queries use the model's key names: against an index keyed on other attributes they fail
    (`Query condition missed key schema element`) or find nothing, and items written without the
    index's key attributes never appear in it.

    ## Example
    ```go
    IPAddress string `dynamorm:"index:gsi-ip,pk"` // writes ipAddress; the GSI is keyed on IPAddress
    ```

    Use instead:
    ```go
    IPAddress string `dynamorm:"index:gsi-ip,pk,attr:IPAddress"`
    ```
    """

    id = INDEX_MISMATCH
    name = "index-mismatch"
    severity = "error"
    summary = "An index has other keys, key types or kind on the table than in the model"
