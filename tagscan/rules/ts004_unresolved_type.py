"""TS004 unresolved-type: a field type declared outside the scanned tree (reported by the scanner)."""

from __future__ import annotations

from tagscan.rules._helpers import PassThroughRule


class UnresolvedType(PassThroughRule):
    """## What it does
    Reports a tagged or embedded field whose type is declared outside the scanned files, so its
    kind (string, int64, struct...) is unknown.

    ## Why is this bad?
    Type rules (TTL, version, set, key types) and embed flattening cannot check such a field;
    their silence is not a clean bill of health.

    ## Example
    ```go
    type Session struct {
        ID        string      `dynamorm:"pk"`
        ExpiresAt shared.Unix `dynamorm:"ttl"` // shared is not scanned
    }
    ```

    Use instead:
    ```go
    // scan the package that declares the type too: tagscan lint ./models ./shared
    type Session struct {
        ID        string      `dynamorm:"pk"`
        ExpiresAt shared.Unix `dynamorm:"ttl"`
    }
    ```
    """

    id = "TS004"
    name = "unresolved-type"
    severity = "info"
    summary = "A field type is declared outside the scanned files"
