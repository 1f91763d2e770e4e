"""What the TS7xx and TS8xx rules share: they report the issues of ``tagscan.against.check``
for the templates given with ``--against``, each rule its own id."""

from __future__ import annotations

from collections.abc import Iterator

from tagscan.against.check import issues
from tagscan.lint.rule import Finding, LintContext, Rule


class AgainstRule(Rule):
    needs_against = True

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        for issue in issues(ctx.scan, ctx.against):
            if issue.rule == self.id:
                yield self.finding(issue.at, issue.message, hint=issue.hint)
