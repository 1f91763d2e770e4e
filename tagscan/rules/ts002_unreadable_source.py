"""TS002 unreadable-source: a Go file or directory that cannot be read or decoded (reported by the scanner)."""

from __future__ import annotations

from tagscan.rules._helpers import PassThroughRule


class UnreadableSource(PassThroughRule):
    """## What it does
    Reports a `.go` file under the scanned path that cannot be read (permissions, not UTF-8, not a
    regular file), and a directory under it that cannot be listed.

    ## Why is this bad?
    Its models are invisible to tagscan, so tables and lint results silently miss them, and a stack
    synthesized without them would drop their tables on the next deploy.
    The Go compiler rejects source that is not valid UTF-8 as well.

    ## Example
    ```go
    // models.go saved as Latin-1:
    type Café struct {
        ID string `dynamorm:"pk"`
    }
    ```

    Use instead:
    ```go
    // models.go saved as UTF-8:
    type Café struct {
        ID string `dynamorm:"pk"`
    }
    ```
    """

    id = "TS002"
    name = "unreadable-source"
    severity = "error"
    summary = "A Go source file or directory cannot be read, or a file is not UTF-8"
