"""The error construct props raise: a user mistake, reported before anything is synthesized."""

from __future__ import annotations

from tagscan.errors import ConfigError


class InvalidPropsError(ConfigError, ValueError):
    """Props a construct cannot honour (e.g. an LSI on a table without a sort key).

    A ``ConfigError`` so the tagscan CLI reports it as ``tagscan: error: ...`` (exit 2), and a
    ``ValueError`` for CDK apps that catch the usual Python exception for bad arguments.
    """
