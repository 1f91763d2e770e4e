"""`tagscan synth`'s summary of the stack it wrote: one line per table."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from tagscan.escaping import escape_controls
from tagscan.table_shape import TableShape


class SynthesizedTable(Protocol):
    """What the summary reads of a table synth builds (``cdk_bridge.spec.TableSpec``, which
    ``tagscan`` outside the CLI does not import)."""

    @property
    def construct_id(self) -> str: ...

    @property
    def model_name(self) -> str: ...

    @property
    def table_name(self) -> str | None: ...

    @property
    def env(self) -> str | None: ...

    @property
    def shape(self) -> TableShape: ...


def render_summary(specs: Sequence[SynthesizedTable], stack_name: str, account: str | None, region: str | None) -> str:
    """One line per table: construct id, physical name, env var, keys, indexes."""
    rows = [("TABLE", "NAME", "ENV VAR", "KEYS", "INDEXES")]
    for spec in specs:
        name = spec.table_name or f"{spec.model_name}-{account or '<account>'}-{region or '<region>'}"
        shape = spec.shape
        keys = " ".join(f"{k.name}:{k.type}" for k in (shape.partition_key, shape.sort_key) if k)
        indexes = [f"{g.name}({' '.join(k.name for k in (g.partition_key, g.sort_key) if k)})" for g in shape.global_secondary_indexes]
        indexes += [f"{lsi.name}(LSI {lsi.sort_key.name})" for lsi in shape.local_secondary_indexes]
        rows.append((spec.construct_id, name, spec.env or "-", keys, " ".join(indexes) or "-"))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    lines = [escape_controls("  ".join(cell.ljust(w) for cell, w in zip(row, widths)) + "  " + row[-1]) for row in rows]
    return f"stack {stack_name}: {len(specs)} table{'s' if len(specs) != 1 else ''}\n" + "\n".join(lines) + "\n"
