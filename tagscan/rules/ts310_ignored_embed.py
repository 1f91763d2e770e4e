"""TS310 ignored-embed: embed tags and embeds the ORM ignores."""

from __future__ import annotations

from collections.abc import Iterator

from tagscan.lint.rule import Finding, LintContext, Rule
from tagscan.model import Embed
from tagscan.rules._helpers import once


def problem(embed: Embed, tagged_types: set[str], tag_key: str) -> tuple[str, str] | None:
    """(what the ORM does, hint) for an embed it treats differently from what it looks like."""
    name = embed.type_name.rsplit(".", 1)[-1]
    if embed.naming_tag is not None:
        directive = f"naming:{embed.naming_tag.removeprefix('naming:')}"
        return f"{directive} inside embedded {name} is ignored", f"move {directive} to a field of the model itself"
    if embed.tag == "-" and embed.flattened:
        return f'{tag_key}:"-" on embedded {name} is ignored: its fields are still stored', "remove the embed"
    if name not in tagged_types:
        return None
    if not embed.exported:
        exported = name[:1].upper() + name[1:]
        return f"unexported embedded {name} is skipped: its {tag_key} tags are ignored", f"export the type ({exported})"
    if embed.pointer:
        return f"pointer embed *{name} is not flattened: it is stored as one map attribute", f"embed {name} by value"
    return None


class IgnoredEmbed(Rule):
    """## What it does
    Flags embedded structs the ORM treats differently from Go's field promotion: `-` on an embed,
    unexported or pointer embeds of tagged structs, and `naming:` inside an embedded struct.

    ## Why is this bad?
    The ORM flattens only value embeds of exported types and ignores the embed's own tag:
    `dynamorm:"-"` does not exclude it, a `pk` inside an unexported embed is never seen
    (`missing primary key`), a pointer embed becomes one map attribute, and the naming
    convention is read from the model's own fields only.

    ## Example
    ```go
    type base struct {
        ID string `dynamorm:"pk"`
    }
    type Order struct {
        base
        Status string
    }
    ```

    Use instead:
    ```go
    type Base struct {
        ID string `dynamorm:"pk"`
    }
    type Order struct {
        Base
        Status string
    }
    ```
    """

    id = "TS310"
    name = "ignored-embed"
    severity = "warning"
    summary = "An embed, its tag or a naming: inside it is ignored by the ORM"

    @once
    def check(self, ctx: LintContext) -> Iterator[Finding]:
        tagged_types = {m.name for m in ctx.scan.models} | {c.name for c in ctx.scan.components}
        for model in ctx.scan.models:
            for embed in model.embeds:
                found = problem(embed, tagged_types, model.tag_key)
                if found:
                    yield self.finding(embed.location, found[0], hint=found[1])
