"""TS306 unknown-directive: a `key:value` directive the ORM stores and ignores."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from tagscan.lint.rule import Finding, LintContext, Rule
from tagscan.rules._helpers import is_tagged, orm_fields, tag_location

KNOWN_KEY_VALUE = ("attr", "index", "lsi", "project", "encrypted", "naming")
LIKELY_MEANT = ("attr", "index", "lsi", "naming", "project")


class UnknownDirective(Rule):
    """## What it does
    Flags a `key:value` tag part whose key is not one the ORM reads (`attr`, `index`, `lsi`,
    `naming`, `project`, `encrypted`), with a "did you mean" for near-misses.

    ## Why is this bad?
    Unlike unknown simple words, the ORM silently accepts any `key:value` and ignores it: a typo
    such as `atr:email` leaves the attribute named after the Go field, and `composite:` or
    `extract:` from other libraries do nothing.

    ## Example
    ```go
    type User struct {
        ID    string `dynamorm:"pk"`
        Email string `dynamorm:"atr:email_address"`
    }
    ```

    Use instead:
    ```go
    type User struct {
        ID    string `dynamorm:"pk"`
        Email string `dynamorm:"attr:emailAddress"`
    }
    ```
    """

    id = "TS306"
    name = "unknown-directive"
    severity = "warning"
    summary = "A key:value tag directive is unknown and silently ignored"

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        for _, field in orm_fields(ctx.scan):
            if not is_tagged(field):
                continue
            for part in field.parts:
                if part.value is not None and part.key not in KNOWN_KEY_VALUE:
                    guess = difflib.get_close_matches(part.key, LIKELY_MEANT, n=1, cutoff=0.6)
                    suggestion = f"; did you mean {guess[0]!r}?" if guess else ""
                    yield self.finding(
                        tag_location(field),
                        f"unknown directive {part.key!r} in {part.text!r} is silently ignored by the ORM{suggestion}",
                        hint=f"write {guess[0]}:{part.value}" if guess else f"remove {part.text!r}",
                    )
