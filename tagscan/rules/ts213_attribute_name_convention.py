"""TS213 attribute-name-convention: a tagged field's attribute name breaks the naming convention."""

from __future__ import annotations

import re
from collections.abc import Iterator

from tagscan.lint.rule import Finding, LintContext, Rule
from tagscan.model import Field, Model
from tagscan.releases import Rules
from tagscan.rules._helpers import field_error, is_tagged, once, rules_of

PATTERNS = {  # pkg/naming/naming.go
    "camelCase": re.compile(r"^[a-z][A-Za-z0-9]*$"),
    "snake_case": re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$"),
    "pascalCase": re.compile(r"^[A-Z][A-Za-z0-9]*$"),
}
CAMEL_CASE_EXCEPTIONS = ("PK", "SK")
V4_EMPTY_ATTR = "attr: is empty (TableTheory 4 rejects the tag; its exact error text is not known yet)"


def orm_violation(name: str, naming: str) -> str | None:
    """``naming.ValidateAttrName``'s error for the name, or None when it passes (verbatim: no check).
    The dynamorm convention validates like camelCase."""
    pattern = "camelCase" if naming == "dynamorm" else naming
    if pattern not in PATTERNS:
        return None
    if not name:
        return "attribute name cannot be empty"
    if pattern == "camelCase" and name in CAMEL_CASE_EXCEPTIONS:
        return None
    return None if PATTERNS[pattern].fullmatch(name) else f'attribute name must be {naming} (got "{name}")'


def violation(field: Field, model: Model, rules: Rules) -> str | None:
    """What the model's release says of the field's attribute name, or None when it accepts it."""
    attrs = [part for part in field.parts if part.key == "attr"]
    chosen = (attrs[0] if rules.first_attr_wins else attrs[-1]) if attrs else None
    if chosen is not None and chosen.value == "" and rules.empty_attr == "invalid":
        return V4_EMPTY_ATTR
    return orm_violation(field.attribute, model.naming)


class AttributeNameConvention(Rule):
    """## What it does
    Flags a tagged field whose attribute name (its `attr:` value, or the converted Go name) does
    not match the model's naming convention: camelCase (`PK` and `SK` allowed) by default,
    snake_case with `naming:snake_case`, and from TableTheory 1.7 pascalCase (`^[A-Z][A-Za-z0-9]*$`)
    or dynamorm (as camelCase). Untagged fields and verbatim (pre-1.0.31) naming are not checked,
    like the ORM. An empty `attr:` is an error up to 1.3, names the attribute by the convention
    from 1.7, and is rejected again by TableTheory 4. From 1.7 the first `attr:` counts, untrimmed
    (`attr: x` is the name `" x"`).

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
            rules = rules_of(model)
            for field in model.fields:
                found = violation(field, model, rules) if is_tagged(field) else None
                if found:
                    yield self.finding(
                        field.location,
                        field_error(model, field, f"{found} ({model.name}.{field.name} under {model.naming})"),
                        hint=_hint(field.attribute, model),
                    )


def _hint(name: str, model: Model) -> str:
    words = [w for w in re.split(r"[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])", name) if w]
    if model.naming == "snake_case":
        suggestion = "_".join(w.lower() for w in words)
    elif model.naming == "pascalCase":
        suggestion = "".join(w[:1].upper() + w[1:] for w in words)
    else:
        suggestion = "".join(w.lower() if i == 0 else w[:1].upper() + w[1:] for i, w in enumerate(words))
    if orm_violation(suggestion, model.naming) is None:
        return f"write attr:{suggestion}"
    return f"write an attr: name in {model.naming}"
