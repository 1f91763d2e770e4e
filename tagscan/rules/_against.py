"""What the TS7xx and TS8xx rules share: they report the issues of ``tagscan.against.check``
for the templates given with ``--against``, each rule its own id."""

from __future__ import annotations

from collections.abc import Iterator

from tagscan.lint.rule import Finding, LintContext, RelatedLocation, Rule


class AgainstRule(Rule):
    needs_against = True

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        # Imported here: tagscan.against.check imports the rules' ids from their modules.
        from tagscan.against.check import against_issues

        for issue in against_issues(ctx):
            if issue.rule == self.id:
                related = tuple(RelatedLocation(at.file, at.line, at.column, text) for at, text in issue.related)
                yield self.finding(issue.at, issue.message, hint=issue.hint, models=issue.models, related=related)
