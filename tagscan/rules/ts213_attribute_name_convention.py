"""TS213 attribute-name-convention: a tagged field's attribute name breaks the naming convention."""

from __future__ import annotations

import re
from collections.abc import Iterator

from tagscan.lint.rule import Finding, LintContext, Rule
from tagscan.model import Model
from tagscan.rules._helpers import FIELD_INVALID, is_tagged, once

PATTERNS = {  # pkg/naming/naming.go
    "camelCase": re.compile(r"^[a-z][A-Za-z0-9]*$"),
    "snake_case": re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$"),
}
CAMEL_CASE_EXCEPTIONS = ("PK", "SK")


def orm_violation(name: str, naming: str) -> str | None:
    """``naming.ValidateAttrName``'s error for the name, or None when it passes (verbatim: no check)."""
    if naming not in PATTERNS:
        return None
    if not name:
        return "attribute name cannot be empty"
    if naming == "camelCase" and name in CAMEL_CASE_EXCEPTIONS:
        return None
    return None if PATTERNS[naming].fullmatch(name) else f'attribute name must be {naming} (got "{name}")'


class AttributeNameConvention(Rule):
    """## What it does
    Flags a tagged field whose attribute name (its `attr:` value, or the converted Go name) does
    not match the model's naming convention: camelCase (`PK` and `SK` allowed) by default,
    snake_case with `naming:snake_case`. Untagged fields and verbatim (pre-1.0.31) naming are not
    checked, like the ORM.

    ## Why is this bad?
    The ORM rejects the model, e.g.
    `field validation failed: invalid struct tag: attribute name must be camelCase (got "full_name")`.

    ## Example
    ```go
    type User struct {
        ID       string `dynamorm:"pk"`
        FullName string `dynamorm:"attr:full_name"`
    }
    ```

    Use instead:
    ```go
    type User struct {
        ID       string `dynamorm:"pk"`
        FullName string `dynamorm:"attr:fullName"`
    }
    ```
    """

    id = "TS213"
    name = "attribute-name-convention"
    severity = "error"
    summary = "A tagged field's attribute name breaks the model's naming convention"

    @once
    def check(self, ctx: LintContext) -> Iterator[Finding]:
        for model in ctx.scan.models:
            for field in model.fields:
                violation = is_tagged(field) and orm_violation(field.attribute, model.naming)
                if violation:
                    yield self.finding(
                        field.location,
                        f'{FIELD_INVALID}: {violation} ({model.name}.{field.name} under {model.naming})',
                        hint=_hint(field.attribute, model),
                    )


def _hint(name: str, model: Model) -> str:
    words = [w for w in re.split(r"[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])", name) if w]
    if model.naming == "snake_case":
        suggestion = "_".join(w.lower() for w in words)
    else:
        suggestion = "".join(w.lower() if i == 0 else w[:1].upper() + w[1:] for i, w in enumerate(words))
    if orm_violation(suggestion, model.naming) is None:
        return f"write attr:{suggestion}"
    return f"write an attr: name in {model.naming}"
