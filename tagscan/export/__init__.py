"""Renderers from the model IR to what users already work with: TypeScript and Python types,
Mermaid and Markdown overviews, DMS documents and DynamoDB CreateTable requests.

Every renderer is a pure function of a :class:`tagscan.model.ScanResult` (or one of its tables)
returning text or plain data; writing it somewhere is the CLI's job.
"""

from collections.abc import Callable

from tagscan.export.dms import render_dms
from tagscan.export.markdown import render_markdown
from tagscan.export.mermaid import render_mermaid
from tagscan.model import ScanResult

# `tagscan scan --format NAME` for the formats rendered here.
SCAN_FORMATS: dict[str, Callable[[ScanResult], str]] = {
    "mermaid": render_mermaid,
    "markdown": render_markdown,
    "dms": render_dms,
}
