"""TS602 env-fallback-pluralised: an env var table name that silently falls back to the type name."""

from __future__ import annotations

from collections.abc import Iterator

from tagscan.lint.locate import struct_location
from tagscan.lint.rule import Finding, LintContext, Rule


class EnvFallbackPluralised(Rule):
    """## What it does
    Flags a `TableName()` that returns `os.Getenv("NAME")` without a fallback of its own.

    ## Why is this bad?
    When the variable is unset or empty, the ORM does not fail: it silently uses the pluralised
    type name (`RateLimitRecord` becomes `RateLimitRecords`) and the first request fails with
    ResourceNotFoundException, or worse, finds another table of that name.
    Off by default: select it with `--select TS602` where deployments do not set the variable.

    ## Example
    ```go
    func (r *RateLimitRecord) TableName() string {
        return os.Getenv("RATE_LIMIT_TABLE_NAME")
    }
    ```

    Use instead:
    ```go
    // make sure the deployment sets RATE_LIMIT_TABLE_NAME (tagscan synth wires it), or give a fallback:
    func (r *RateLimitRecord) TableName() string {
        if name := os.Getenv("RATE_LIMIT_TABLE_NAME"); name != "" {
            return name
        }
        return "rate-limits"
    }
    ```
    """

    id = "TS602"
    name = "env-fallback-pluralised"
    severity = "info"
    # Informational, so opt-in as cfn-lint's I rules are: the generated stacks set the variable.
    enabled_by_default = False
    summary = "An env var table name falls back to the pluralised type name when unset"

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        for model in ctx.scan.models:
            table = model.table
            if table.source == "env" and table.name is None and table.pattern is None and table.unfollowed is None:
                envs = " and ".join(f"${env}" for env in table.envs or (table.env,))
                yield self.finding(
                    table.location or struct_location(model),
                    f"when {envs} {'is' if len(table.envs) < 2 else 'are'} unset the ORM silently uses table {table.default_name!r}",
                    hint=f"set {table.env} wherever {model.name} runs, or return a literal fallback",
                )
