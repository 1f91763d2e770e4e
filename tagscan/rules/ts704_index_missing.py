"""TS704 index-missing: an index the model declares is not on the table."""

from __future__ import annotations

from tagscan.rules._against import AgainstRule

INDEX_MISSING = "TS704"


class IndexMissing(AgainstRule):
    """## What it does
    With `--against`, flags a GSI or LSI the model declares (`index:` or `lsi:` tags) that the
    matched table does not have, comparing by `IndexName`, never by position.

    ## Why is this bad?
    Every query through the index fails with `The table does not have the specified index`. The
    ORM never adds indexes to an existing table, so nothing fixes it at run time.

    ## Example
    ```go
    Status string `dynamorm:"index:gsi-status,pk"` // the template has only gsi-function
    ```

    Use instead:
    ```yaml
    GlobalSecondaryIndexes:
      - IndexName: gsi-status
        KeySchema: [{AttributeName: status, KeyType: HASH}]
        Projection: {ProjectionType: ALL}
    ```
    """

    id = INDEX_MISSING
    name = "index-missing"
    severity = "error"
    summary = "An index the model declares is missing from the table"
