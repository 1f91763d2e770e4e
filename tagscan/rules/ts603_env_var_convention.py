"""TS603 env-var-convention: a table env var not named `{CONSTRUCT_ID}_TABLE_NAME`."""

from __future__ import annotations

import re
from collections.abc import Iterator

from tagscan.lint.locate import struct_location
from tagscan.lint.rule import Finding, LintContext, Rule

CONVENTION = re.compile(r"[A-Z0-9]+_TABLE_NAME")


class EnvVarConvention(Rule):
    """## What it does
    Flags a `TableName()` environment variable that is not an upper-cased construct id followed
    by `_TABLE_NAME` (e.g. `RATELIMITTABLE_TABLE_NAME` for the construct `RateLimitTable`); a chain
    of env vars is flagged only when none of them follows the convention.
    Off by default: enable it when your functions get table names from `DynamORMFunction`.

    ## Why is this bad?
    The DynamORM constructs export each table to its functions as `{CONSTRUCT_ID}_TABLE_NAME`.
    A model reading another name never sees it and falls back to the pluralised type name.

    ## Example
    ```go
    func (r *RateLimitRecord) TableName() string {
        return os.Getenv("RATE_LIMITS")
    }
    ```

    Use instead:
    ```go
    func (r *RateLimitRecord) TableName() string {
        return os.Getenv("RATELIMITTABLE_TABLE_NAME")
    }
    ```
    """

    id = "TS603"
    name = "env-var-convention"
    severity = "info"
    summary = "A table env var does not follow {CONSTRUCT_ID}_TABLE_NAME"
    enabled_by_default = False

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        for model in ctx.scan.models:
            env = model.table.env
            envs = model.table.envs or ((env,) if env else ())
            # A chain that reads a conventional name anywhere is fine: the others are kept for compatibility.
            if model.table.source == "env" and env and not any(CONVENTION.fullmatch(e) for e in envs):
                yield self.finding(
                    model.table.location or struct_location(model),
                    f"${env} does not follow the {{CONSTRUCT_ID}}_TABLE_NAME convention of the DynamORM constructs",
                    hint="read the upper-cased construct id + _TABLE_NAME (RateLimitTable: RATELIMITTABLE_TABLE_NAME)",
                )
