"""Control characters of the input escaped before they are printed. Every command prints; this
module keeps `tagscan.report` and the lint modules it loads out of the commands that need none."""

from __future__ import annotations

import re

_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
_CONTROL_BUT_LINE_BREAKS = re.compile("[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def escape_controls(text: str, *, keep_line_breaks: bool = False) -> str:
    """``text`` with its control characters as ``repr`` writes them (``\\x1b``, ``\\n``): a file name,
    tag value or table name from the input must not move the cursor, recolour or rewrite a terminal.
    ``keep_line_breaks`` is for formats that encode line breaks themselves."""
    if text.isprintable():  # most text: no control character (those are never printable), one pass in C
        return text
    pattern = _CONTROL_BUT_LINE_BREAKS if keep_line_breaks else _CONTROL
    return pattern.sub(lambda match: repr(match.group())[1:-1], text)
