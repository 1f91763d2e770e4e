"""TS103 ignored-tag-key: a key or index declared under a tag key the ORM never reads."""

from __future__ import annotations

import re
from collections.abc import Iterator

from tagscan.lint.rule import Finding, LintContext, Rule
from tagscan.rules._helpers import orm_fields, tag_location
from tagscan.rules.ts102_repeated_tag_key import tag_pairs

# Tag keys people write for the ORM (other libraries', or the other ORM release's) that it never reads.
FOREIGN_KEYS = ("dynamorm-index", "dynamodb", "ddb", "dynamorm", "theorydb")
# Words that declare a table key in any of those vocabularies; an index is any word naming one.
_KEY_WORDS = frozenset({"pk", "sk", "hash", "range", "hashkey", "rangekey", "partitionkey", "sortkey", "key"})
_INDEX = re.compile(r"index|gsi|lsi", re.I)
ORM_NAMES = {"dynamorm": "DynamORM", "theorydb": "TableTheory"}


class IgnoredTagKey(Rule):
    """## What it does
    Flags a `dynamorm-index:"..."`, `dynamodb:"..."` or `ddb:"..."` tag, or the other ORM's key
    (`dynamorm:` in a TableTheory module, `theorydb:` in a DynamORM one), that appears to declare
    a table key or an index on a model's field.

    ## Why is this bad?
    The ORM reads one tag key only (`dynamorm` for DynamORM, `theorydb` for TableTheory). The
    key or index such a tag seems to declare does not exist: queries on it fail, and a model
    whose only `pk` is there is refused (`missing primary key`).

    ## Example
    ```go
    type User struct {
        ID    string `dynamorm:"pk"`
        Email string `dynamorm-index:"user-index,pk"`
    }
    ```

    Use instead:
    ```go
    type User struct {
        ID    string `dynamorm:"pk"`
        Email string `dynamorm:"index:user-index"`
    }
    ```
    """

    id = "TS103"
    name = "ignored-tag-key"
    severity = "warning"
    summary = "A key or index is declared under a tag key the ORM never reads"

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        for owner, field in orm_fields(ctx.scan):
            for key, value in tag_pairs(field.raw_tag or ""):
                if key in FOREIGN_KEYS and key != owner.tag_key and (key == "dynamorm-index" or _declares(value)):
                    orm = ORM_NAMES.get(owner.tag_key, owner.tag_key)
                    yield self.finding(
                        tag_location(field),
                        f"{orm} never reads the {key!r} tag: the key or index {key}:{value} declares does not"
                        f" exist; it reads only {owner.tag_key}:\"...\"",
                        hint=f"declare it in the {owner.tag_key} tag ({owner.tag_key}:\"pk\", {owner.tag_key}:\"index:NAME\")",
                    )


def _declares(value: str) -> bool:
    """Whether a tag value reads as a key or index declaration (`pk`, `hash`, `index:x`, `gsi1pk`)."""
    words = [w.strip() for w in re.split(r"[,:;=\s]+", value.strip('"')) if w.strip()]
    return any(w.lower() in _KEY_WORDS or _INDEX.search(w) for w in words)
