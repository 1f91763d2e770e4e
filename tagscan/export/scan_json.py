"""`tagscan scan --format json`: the IR as a JSON document, described by `tagscan/schemas/scan.schema.json`.

By default models and components come without `fields`, every field's full record (tag parts,
locations, flags): a document with them is about nine times the size of the Go it describes, and
what a consumer reads of a model (keys, indexes, TTL, attributes, table) is on the model itself.
`--full` adds them.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from tagscan.json_output import dumps
from tagscan.model import SCHEMA_VERSION, ScanResult


def _without_fields(record: Any) -> dict[str, Any]:
    return {f.name: getattr(record, f.name) for f in dataclasses.fields(record) if f.name != "fields"}


def scan_document(result: ScanResult, *, full: bool = False) -> dict[str, Any]:
    """The document's top level; the records under it are the IR's own dataclasses."""
    document = {f.name: getattr(result, f.name) for f in dataclasses.fields(result)}
    document["schema_version"] = SCHEMA_VERSION
    if not full:
        document["models"] = [_without_fields(model) for model in result.models]
        document["components"] = [_without_fields(component) for component in result.components]
    return document


def render_scan_json(result: ScanResult, *, full: bool = False) -> bytes:
    return dumps(scan_document(result, full=full))
