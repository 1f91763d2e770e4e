"""Models against CloudFormation templates: load templates, match models to tables, plan updates.

``load_templates(paths)`` gives what ``tagscan lint --against`` puts in ``LintContext.against``;
``tagscan.against.matching`` binds the models' tables to template tables; ``tagscan.against.check``
works out what the TS7xx/TS8xx rules report (once per ``LintContext``); ``tagscan.against.diff``
builds the plan ``tagscan diff`` prints, from the same matching.
"""

from tagscan.against.loader import LoadedTemplate, load_templates

__all__ = ["LoadedTemplate", "load_templates"]
