"""TS706 ttl-mismatch: the table's TTL attribute is not the model's."""

from __future__ import annotations

from tagscan.rules._against import AgainstRule

TTL_MISMATCH = "TS706"


class TtlMismatch(AgainstRule):
    """## What it does
    With `--against`, compares the model's `ttl` attribute with the table's enabled
    `TimeToLiveSpecification`: flags a different attribute, no TTL on a table whose model has
    one, and a TTL on an attribute no model of the table writes.

    ## Why is this bad?
    Items never expire: the table grows and stale records (sessions, idempotency keys, rate-limit
    windows) stay readable.

    ## Example
    ```go
    ExpiresAt int64 `dynamorm:"ttl"` // writes expiresAt; the table's TTL attribute is ExpiresAt
    ```

    Use instead:
    ```go
    ExpiresAt int64 `dynamorm:"ttl,attr:ExpiresAt"` // or rename the TTL (two deploys, an hour apart)
    ```
    """

    id = TTL_MISMATCH
    name = "ttl-mismatch"
    severity = "error"
    summary = "The table's TTL attribute differs from the model's"
