"""TS304 lsi-prefix-inference: an `index:` name starting `lsi-`/`lsi_` that becomes an LSI."""

from __future__ import annotations

from collections.abc import Iterator

from tagscan.lint.rule import Finding, LintContext, Rule
from tagscan.rules._helpers import orm_fields, rules_of, tag_location


class LsiPrefixInference(Rule):
    """## What it does
    Flags `index:NAME` where NAME starts with `lsi-` or `lsi_`.

    ## Why is this bad?
    The ORM silently turns such an index into a local secondary index (legacy prefix
    inference): its partition key is forced to the table's, a `pk` role is dropped, and it can
    only be created together with the table. TableTheory warns about it. Say what you mean.

    ## Example
    ```go
    type Order struct {
        TenantID  string    `dynamorm:"pk"`
        ID        string    `dynamorm:"sk"`
        CreatedAt time.Time `dynamorm:"index:lsi-created,sk"`
    }
    ```

    Use instead:
    ```go
    type Order struct {
        TenantID  string    `dynamorm:"pk"`
        ID        string    `dynamorm:"sk"`
        CreatedAt time.Time `dynamorm:"lsi:lsi-created"`
    }
    ```
    """

    id = "TS304"
    name = "lsi-prefix-inference"
    severity = "warning"
    summary = "An index: name with an lsi- prefix silently becomes an LSI"

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        for owner, field in orm_fields(ctx.scan):
            for role in field.indexes:
                if role.lsi_by_prefix:
                    # TableTheory 2.x+ logs this warning itself at registration
                    said = " (the ORM's registry warning)" if rules_of(owner).warns_lsi_prefix else ""
                    yield self.finding(
                        tag_location(field),
                        f'field {field.name} uses legacy LSI prefix inference for index "{role.index}";'
                        f' prefer {owner.tag_key}:"lsi:{role.index}"{said}: the ORM makes it a local secondary index',
                        hint=f'prefer {owner.tag_key}:"lsi:{role.index}", or rename the GSI',
                    )
