"""TS005 suppression-without-reason: a `//tagscan:ignore` with no reason (emitted by the lint engine)."""

from __future__ import annotations

from tagscan.rules._helpers import EngineRule


class SuppressionWithoutReason(EngineRule):
    """## What it does
    Reports a `//tagscan:ignore TSnnn` comment that does not say why the finding is ignored.

    ## Why is this bad?
    A silenced finding without a reason cannot be reviewed later: nobody knows whether it was a
    false positive or a shortcut. golangci-lint's nolintlint asks for the same.

    ## Example
    ```go
    type Session struct {
        ID        string    `dynamorm:"pk"`
        ExpiresAt time.Time `dynamorm:"ttl"` //tagscan:ignore TS208
    }
    ```

    Use instead:
    ```go
    type Session struct {
        ID        string    `dynamorm:"pk"`
        ExpiresAt time.Time `dynamorm:"ttl"` //tagscan:ignore TS208 pinned ORM v1.0.20 accepts it
    }
    ```
    """

    id = "TS005"
    name = "suppression-without-reason"
    severity = "warning"
    summary = "A //tagscan:ignore comment gives no reason"
