"""A Markdown table of the tables, fit for a pull-request comment."""

from __future__ import annotations

from tagscan.export.describe import index_phrase, printable, table_title
from tagscan.model import ScanResult, key_phrase

_HEADER = ("Table", "Models", "Partition key", "Sort key", "Indexes", "TTL")


def render_markdown(scan: ScanResult) -> str:
    tables = sorted(scan.tables, key=lambda t: t.key)
    lines = [
        f"**tagscan**: {len(scan.models)} model(s) in {len(tables)} table(s)",
        "",
        _row(_HEADER),
        _row(("---",) * len(_HEADER)),
    ]
    for table in tables:
        lines.append(
            _row(
                (
                    table_title(table, scan),
                    ", ".join(table.models),
                    key_phrase(table.partition_key),
                    key_phrase(table.sort_key) if table.sort_key else "",
                    "<br>".join(index_phrase(i) for i in table.indexes),
                    table.ttl.attribute if table.ttl else "",
                )
            )
        )
    return printable("\n".join(lines) + "\n")


def _row(cells: tuple[str, ...]) -> str:
    return "| " + " | ".join(_cell(c) for c in cells) + " |"


def _cell(text: str) -> str:
    # A pipe would end the cell; backticks and HTML are left alone on purpose (readable names).
    return text.replace("|", "\\|").replace("\n", " ")
