"""TS101 malformed-struct-tag: a struct tag go vet rejects (reported by the scanner)."""

from __future__ import annotations

from tagscan.rules._helpers import PassThroughRule


class MalformedStructTag(PassThroughRule):
    """## What it does
    Reports a struct tag that is not a space-separated list of `key:"value"` pairs, with the
    message of `go vet`'s structtag check.

    ## Why is this bad?
    `reflect.StructTag.Lookup` stops at the first syntax error, so the ORM sees no tag (or only
    the keys before the error): the field silently loses its `pk`, index or TTL role.

    ## Example
    ```go
    type User struct {
        ID string `dynamorm:"pk",json:"id"`
    }
    ```

    Use instead:
    ```go
    type User struct {
        ID string `dynamorm:"pk" json:"id"`
    }
    ```
    """

    id = "TS101"
    name = "malformed-struct-tag"
    severity = "error"
    summary = "A struct tag is malformed (go vet structtag)"
