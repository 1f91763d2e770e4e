"""The JSON documents tagscan writes (`scan --format json`, `lint --format json|sarif`): keys sorted, two
spaces of indent, a trailing newline, UTF-8; the same value gives the same bytes.

orjson writes them (a scan's document has hundreds of thousands of records: the standard library's
encoder with an indent runs in Python and took longer than the scan) and reads frozen dataclasses as
it finds them, so records need no conversion to dicts first.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import orjson

# Dataclasses go to `default=vars`, as the dicts of their fields (a frozen dataclass keeps them in its
# __dict__): written natively, orjson would keep their fields in declaration order, not sorted.
_OPTIONS = orjson.OPT_SORT_KEYS | orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE | orjson.OPT_PASSTHROUGH_DATACLASS


def valid_unicode(text: str) -> str:
    """`text` with what is not Unicode as U+FFFD. Bytes of a Go source or a file name that are not
    UTF-8 reach strings as lone surrogates (surrogateescape); no output encoding takes them."""
    try:
        raw = text.encode("utf-8", "surrogateescape")  # one U+FFFD per byte that was not UTF-8
    except UnicodeEncodeError:
        raw = text.encode("utf-8", "surrogatepass")
    return raw.decode("utf-8", "replace")


def dumps(value: Any) -> bytes:
    """The document as UTF-8 bytes (dataclasses as objects of their fields, tuples as arrays)."""
    try:
        return orjson.dumps(value, default=vars, option=_OPTIONS)
    except orjson.JSONEncodeError:
        # a lone surrogate somewhere (orjson refuses them): rare enough to walk the value once more
        return orjson.dumps(_repaired(value), option=_OPTIONS)


def _repaired(value: Any) -> Any:
    if isinstance(value, str):
        return valid_unicode(value)
    if isinstance(value, dict):
        return {valid_unicode(str(k)): _repaired(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_repaired(v) for v in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _repaired(getattr(value, f.name)) for f in dataclasses.fields(value)}
    return value
