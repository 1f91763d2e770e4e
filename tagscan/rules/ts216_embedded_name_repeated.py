"""TS216 embedded-name-repeated: an embedded field and an outer one share a Go name and an attribute."""

from __future__ import annotations

from collections.abc import Iterator

from tagscan.lint.rule import Finding, LintContext, Rule
from tagscan.rules._helpers import attribute_clashes, once, registered_structs, rules_of
from tagscan.rules.ts215_duplicate_attribute_rejected import embedded_go_name_repeated


class EmbeddedNameRepeated(Rule):
    """## What it does
    Under TableTheory 3.0.2 and later, flags a field with the Go name and attribute of a field of
    an embedded struct of the same model (tagged or not).

    ## Why is this bad?
    Go promotes the outer field and hides the embedded one; the ORM sees both. TableTheory rejects
    the model: `invalid model: duplicate tagged Go field name "Name" mapped to database attribute
    "name" in a model with embedded structs is not supported; TableTheory may persist and read a
    different field than the consumer's Go code addresses`. Earlier releases wrote the later one.

    ## Example
    ```go
    type Audit struct {
        Name string
    }
    type Invoice struct {
        Audit
        ID   string `theorydb:"pk"`
        Name string
    }
    ```

    Use instead:
    ```go
    type Audit struct {
        AuditedBy string
    }
    type Invoice struct {
        Audit
        ID   string `theorydb:"pk"`
        Name string
    }
    ```
    """

    id = "TS216"
    name = "embedded-name-repeated"
    severity = "error"
    summary = "An embedded and an outer field share a Go name and attribute (rejected from TableTheory 3.0.2)"

    @once
    def check(self, ctx: LintContext) -> Iterator[Finding]:
        for owner in registered_structs(ctx.scan):
            if not rules_of(owner).rejects_duplicate_attributes:
                continue
            for first, field in attribute_clashes(owner.fields):
                if embedded_go_name_repeated(first, field):
                    yield self.finding(
                        field.location,
                        f'invalid model: duplicate tagged Go field name "{field.name}" mapped to database attribute'
                        f' "{field.attribute}" in a model with embedded structs is not supported; TableTheory may'
                        " persist and read a different field than the consumer's Go code addresses",
                        hint="rename one of the two fields, or exclude the embedded one",
                    )
