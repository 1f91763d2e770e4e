"""Models against CloudFormation templates: load templates, match models to tables, plan updates.

``load_templates(paths)`` gives what ``tagscan lint --against`` puts in ``LintContext.against``;
``tagscan.against.check.issues`` is what the TS7xx/TS8xx rules report; ``tagscan.against.diff``
builds the plan ``tagscan diff`` prints.
"""

from tagscan.against.loader import LoadedTemplate, load_templates

__all__ = ["LoadedTemplate", "load_templates"]
