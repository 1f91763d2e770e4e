"""`tagscan scan --format json`: the IR as a JSON document (schema_version, sorted keys)."""

from __future__ import annotations

import json

from tagscan.model import ScanResult


def render_scan_json(result: ScanResult) -> str:
    return json.dumps(result.to_dict(), sort_keys=True, indent=2) + "\n"
