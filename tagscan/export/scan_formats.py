"""`tagscan scan --format NAME` for the formats of documents about the models (the summary and
the JSON contract have their own modules)."""

from collections.abc import Callable

from tagscan.export.dms import render_dms
from tagscan.export.markdown import render_markdown
from tagscan.export.mermaid import render_mermaid
from tagscan.model import ScanResult

SCAN_FORMATS: dict[str, Callable[[ScanResult], str]] = {
    "mermaid": render_mermaid,
    "markdown": render_markdown,
    "dms": render_dms,
}
