"""TS217 invalid-write-policy: `WritePolicy()` returns a mode or protected attribute the ORM rejects."""

from __future__ import annotations

from collections.abc import Iterator

from tagscan.lint.rule import Finding, LintContext, Rule
from tagscan.rules._helpers import rules_of

MODES = ("mutable", "write_once")


class InvalidWritePolicy(Rule):
    """## What it does
    Under TableTheory 1.7 and later, reads the composite literal a model's `WritePolicy()` returns
    and flags a `Mode` other than `mutable` or `write_once`, a blank protected attribute, and a
    protected attribute that names no field (by Go name or attribute name).

    ## Why is this bad?
    The ORM rejects the model: `invalid model: unsupported write_policy.mode "x"`,
    `invalid model: write_policy protected attributes must be non-empty` or
    `invalid model: write_policy protected attribute not found: x`.

    ## Example
    ```go
    func (Ledger) WritePolicy() tabletheory.WritePolicy {
        return tabletheory.WritePolicy{Mode: "append_only"}
    }
    ```

    Use instead:
    ```go
    func (Ledger) WritePolicy() tabletheory.WritePolicy {
        return tabletheory.WritePolicy{Mode: "write_once", ProtectedAttributes: []string{"amount"}}
    }
    ```
    """

    id = "TS217"
    name = "invalid-write-policy"
    severity = "error"
    summary = "WritePolicy() returns a mode or protected attribute the ORM rejects"

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        for model in ctx.scan.models:
            policy = model.write_policy
            if policy is None or not policy.resolved or not rules_of(model).validates_write_policy:
                continue
            if policy.mode is not None and policy.mode not in MODES:
                yield self.finding(
                    policy.location, f'invalid model: unsupported write_policy.mode "{policy.mode}"',
                    hint=f"use {' or '.join(MODES)}",
                )
            names = {f.name for f in model.fields if not f.skipped} | {f.attribute for f in model.fields if not f.skipped}
            for protected in policy.protected_attributes:
                if not protected.strip():
                    yield self.finding(policy.location, "invalid model: write_policy protected attributes must be non-empty",
                                       hint="remove the blank entry")
                elif protected not in names:
                    yield self.finding(policy.location, f"invalid model: write_policy protected attribute not found: {protected}",
                                       hint=f"name a field of {model.name} (Go or attribute name)")
