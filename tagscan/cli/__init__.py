"""The command line: the only code in tagscan that prints or exits.

Each command lives in its own module and registers itself on ``app``; ``tagscan.__main__.main`` runs it.
Those modules do without ``from __future__ import annotations``: typer reads every command's parameter
annotations at each start-up, and string annotations would be compiled there (about 500 of them).
"""

from tagscan.cli import diff_cmd  # noqa: F401  (registers `diff`)
from tagscan.cli import lint_cmd  # noqa: F401  (registers `lint`, `rules`, `explain`)
from tagscan.cli import local_cmd  # noqa: F401  (registers `local`)
from tagscan.cli import scan_cmd  # noqa: F401  (registers `scan`)
from tagscan.cli import synth_cmd  # noqa: F401  (registers `synth` and `init`)
from tagscan.cli import types_cmd  # noqa: F401  (registers `types`)
from tagscan.cli.app import app

