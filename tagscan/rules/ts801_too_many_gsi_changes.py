"""TS801 too-many-gsi-changes: more than one GSI created or deleted on one table in one update."""

from __future__ import annotations

from tagscan.rules._against import AgainstRule

TOO_MANY_GSI_CHANGES = "TS801"


class TooManyGsiChanges(AgainstRule):
    """## What it does
    With `--against` a deployed template, compares the table the models would synthesize with the
    deployed one and counts the global secondary indexes created or deleted (a rename is both).
    More than one is flagged, with a staged plan: one index per deploy, additions first.

    ## Why is this bad?
    CloudFormation rejects the update: `Cannot perform more than one GSI creation or deletion in
    a single update`, and rolls the stack back.

    ## Example
    ```go
    Status    string `dynamorm:"index:gsi-status,pk"`    // new
    CreatedBy string `dynamorm:"index:gsi-created-by,pk"` // new, in the same pull request
    ```

    Use instead:
    ```go
    // deploy 1: add gsi-status; deploy 2: add gsi-created-by
    ```
    """

    id = TOO_MANY_GSI_CHANGES
    name = "too-many-gsi-changes"
    severity = "error"
    summary = "More than one GSI created or deleted on a table in one update"
