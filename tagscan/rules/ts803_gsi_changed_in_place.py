"""TS803 gsi-changed-in-place: a GSI's keys or projection changed under the same name."""

from __future__ import annotations

from tagscan.rules._against import AgainstRule

GSI_CHANGED_IN_PLACE = "TS803"


class GsiChangedInPlace(AgainstRule):
    """## What it does
    With `--against` a deployed template, flags a global secondary index whose key schema (or,
    between two templates, projection) differs from the deployed index of the same name.

    ## Why is this bad?
    CloudFormation refuses: `Cannot update GSI's properties other than Provisioned Throughput and
    Contributor Insights Specification. You can create a new GSI with a different name.`

    ## Example
    ```go
    Status string `dynamorm:"index:gsi-status,pk"` // deployed gsi-status is keyed on state
    ```

    Use instead:
    ```go
    Status string `dynamorm:"index:gsi-status-v2,pk"` // add the new index, then drop the old one
    ```
    """

    id = GSI_CHANGED_IN_PLACE
    name = "gsi-changed-in-place"
    severity = "error"
    summary = "A GSI's keys or projection change under the same name"
