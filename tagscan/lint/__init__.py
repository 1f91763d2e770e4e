"""The lint engine: runs the rules of ``tagscan.rules`` over a scan."""

from tagscan.lint.rule import SEVERITY_RANK, Finding, LintContext, Rule

__all__ = ["SEVERITY_RANK", "Finding", "LintContext", "Rule"]
