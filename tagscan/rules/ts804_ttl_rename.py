"""TS804 ttl-rename: the TTL attribute changes while TTL is enabled."""

from __future__ import annotations

from tagscan.rules._against import AgainstRule

TTL_RENAME = "TS804"


class TtlRename(AgainstRule):
    """## What it does
    With `--against` a deployed template, flags a TTL attribute that differs between the deployed
    table and the one the models would synthesize.

    ## Why is this bad?
    DynamoDB rejects renaming an enabled TTL (`TimeToLive is active on a different
    AttributeName`), and a second TTL change within an hour fails: it takes two deploys, at least
    an hour apart (disable, then enable on the new attribute).

    ## Example
    ```go
    ExpiresAt int64 `dynamorm:"ttl"` // writes expiresAt; the deployed TTL is on ExpiresAt
    ```

    Use instead:
    ```go
    ExpiresAt int64 `dynamorm:"ttl,attr:ExpiresAt"` // or plan the two deploys
    ```
    """

    id = TTL_RENAME
    name = "ttl-rename"
    severity = "warning"
    summary = "The TTL attribute is renamed (two deploys, an hour apart)"
