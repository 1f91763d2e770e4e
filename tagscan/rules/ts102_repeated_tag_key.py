"""TS102 repeated-tag-key: the ORM's tag key written twice in one struct tag."""

from __future__ import annotations

from collections.abc import Iterator

from tagscan.lint.rule import Finding, LintContext, Rule
from tagscan.rules._helpers import orm_fields, tag_location


def tag_pairs(raw_tag: str) -> Iterator[tuple[str, str]]:
    """(key, quoted value) pairs of a Go struct tag, read like ``reflect.StructTag.Lookup`` does."""
    tag = raw_tag
    while tag := tag.lstrip(" "):
        end = 0
        while end < len(tag) and ord(tag[end]) > 0x20 and tag[end] not in ':"\x7f':
            end += 1
        if end == 0 or end + 1 >= len(tag) or tag[end] != ":" or tag[end + 1] != '"':
            return
        key, tag = tag[:end], tag[end + 1 :]
        close = 1
        while close < len(tag) and tag[close] != '"':
            close += 2 if tag[close] == "\\" else 1
        if close >= len(tag):
            return
        yield key, tag[: close + 1]
        tag = tag[close + 1 :]


class RepeatedTagKey(Rule):
    """## What it does
    Flags a struct tag that contains the `dynamorm` (or `theorydb`) key more than once.

    ## Why is this bad?
    `reflect.StructTag.Lookup` returns the first occurrence only; the directives in the second
    one are silently ignored, so the field lacks the index or TTL role it appears to have.

    ## Example
    ```go
    type User struct {
        ID    string `dynamorm:"pk"`
        Email string `dynamorm:"attr:email" dynamorm:"index:gsi-email"`
    }
    ```

    Use instead:
    ```go
    type User struct {
        ID    string `dynamorm:"pk"`
        Email string `dynamorm:"attr:email,index:gsi-email"`
    }
    ```
    """

    id = "TS102"
    name = "repeated-tag-key"
    severity = "warning"
    summary = "The ORM's tag key appears twice in one struct tag"

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        for owner, field in orm_fields(ctx.scan):
            values = [value for key, value in tag_pairs(field.raw_tag or "") if key == owner.tag_key]
            if len(values) > 1:
                yield self.finding(
                    tag_location(field),
                    f"struct tag repeats the {owner.tag_key!r} key: Go reads only the first"
                    f" ({owner.tag_key}:{values[0]}) and ignores {', '.join(values[1:])}",
                    hint=f"merge the directives into one {owner.tag_key}:\"...\" value, comma separated",
                )
