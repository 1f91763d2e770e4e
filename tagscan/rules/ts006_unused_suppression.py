"""TS006 unused-suppression: a `//tagscan:ignore` that silences nothing (emitted by the lint engine)."""

from __future__ import annotations

from tagscan.rules._helpers import EngineRule


class UnusedSuppression(EngineRule):
    """## What it does
    Reports a `//tagscan:ignore` comment (or one of its ids) that matched no finding. Opt-in.

    ## Why is this bad?
    Stale suppressions hide the next real problem on that line and mislead readers about the code.

    ## Example
    ```go
    type Session struct {
        ID        string `dynamorm:"pk"`
        ExpiresAt int64  `dynamorm:"ttl"` //tagscan:ignore TS208 was time.Time
    }
    ```

    Use instead:
    ```go
    type Session struct {
        ID        string `dynamorm:"pk"`
        ExpiresAt int64  `dynamorm:"ttl"`
    }
    ```
    """

    id = "TS006"
    name = "unused-suppression"
    severity = "info"
    summary = "A //tagscan:ignore comment matches no finding"
    enabled_by_default = False
