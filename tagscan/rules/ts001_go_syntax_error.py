"""TS001 go-syntax-error: a Go file tree-sitter cannot parse (reported by the scanner)."""

from __future__ import annotations

from tagscan.rules._helpers import PassThroughRule


class GoSyntaxError(PassThroughRule):
    """## What it does
    Reports a Go file that does not parse, at the first syntax error.

    ## Why is this bad?
    tagscan reads models from the syntax tree; structs after the error may be missed or misread,
    so the other findings for that file are incomplete. `go build` would fail on it anyway.

    ## Example
    ```go
    type User struct {
        ID string `dynamorm:"pk"`
    ```

    Use instead:
    ```go
    type User struct {
        ID string `dynamorm:"pk"`
    }
    ```
    """

    id = "TS001"
    name = "go-syntax-error"
    severity = "error"
    summary = "A Go source file does not parse"
