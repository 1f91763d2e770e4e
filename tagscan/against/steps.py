"""Staged deploys: the next update CloudFormation accepts on the way from the deployed tables to the models.

CloudFormation creates or deletes at most one GSI per table per update, cannot change a GSI's keys
under its name, and cannot move TTL to another attribute while it is enabled (reference §3.3). So a
models change such as "three new GSIs and TTL on another attribute" takes several deploys. For each
table matched in the deployed templates, ``plan_steps`` orders what must happen:

- GSI operations, one per step: new indexes first (the old ones keep serving queries meanwhile), then
  the removals, then each index whose keys changed (removed, then created again under its name);
- a TTL moved to another attribute: disabled in step 1, enabled on the new attribute in step 2 (at
  least an hour later: DynamoDB refuses a second TTL change within the hour);
- everything CloudFormation changes in place (TTL added or removed, stream, billing, tags) in step 1.

A step is a ``ScanResult`` whose tables hold the indexes and TTL of that step, so ``tagscan synth``
builds it like any models; the last step is the models' own scan, byte for byte. Changes that replace
a table (key schema, LSIs, physical name) are refused unless allowed: the new table is then created
whole, in step 1.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from tagscan.against.loader import LoadedTemplate
from tagscan.against.matching import Match, match_tables
from tagscan.against.plan import Identity, compare
from tagscan.against.tables import SYNTH_RESOURCE_TYPE, IndexShape, Key, TableShape, deployed_tables, shape_of_models
from tagscan.errors import InputError, TagscanError
from tagscan.model import Index, JsonRecord, KeyAttribute, ScanResult, Table
from tagscan.rules.ts802_table_replacement import TABLE_REPLACEMENT
from tagscan.table_shape import TableShapeError

TTL_WAIT = "at least an hour after TTL was disabled"


class ReplacementRefused(TagscanError):
    """A step would replace a table, and replacement was not allowed; the message names the tables and why."""


@dataclass(frozen=True)
class Operation(JsonRecord):
    action: str  # "create GSI", "delete GSI", "disable TTL", "enable TTL"
    subject: str  # the index name or TTL attribute

    def describe(self) -> str:
        return f"{self.action} {self.subject}"


@dataclass(frozen=True)
class TableSteps(JsonRecord):
    table: str  # the scan's table key
    deployed: str  # the deployed resource, described
    gsi_operations: tuple[Operation, ...]  # one per step, in order
    ttl_operations: tuple[Operation, ...]  # disable then enable, or nothing
    in_place: tuple[str, ...]  # the other changes, all in step 1
    deployed_gsis: tuple[IndexShape, ...] = ()
    replaced: bool = False

    @property
    def count(self) -> int:
        return max(len(self.gsi_operations), len(self.ttl_operations), 1)

    def operations(self, step: int) -> list[Operation]:
        """What step ``step`` (1-based) does to this table."""
        return [ops[step - 1] for ops in (self.gsi_operations, self.ttl_operations) if len(ops) >= step]


@dataclass(frozen=True)
class Steps(JsonRecord):
    against: tuple[str, ...]
    tables: tuple[TableSteps, ...]
    new_tables: tuple[str, ...]  # the tables with no deployed table, by their models: created whole in step 1

    @property
    def count(self) -> int:
        return max((t.count for t in self.tables), default=1)

    @property
    def empty(self) -> bool:
        return not self.new_tables and not any(
            t.gsi_operations or t.ttl_operations or t.in_place or t.replaced for t in self.tables
        )

    def describe(self) -> str:
        """``step 1 of N`` with what each step does, table by table."""
        lines = [f"step 1 of {self.count} from {', '.join(self.against)} to the models:"]
        if self.empty:
            return lines[0] + "\n  no table, GSI or TTL change to stage: this step is a plain synth\n"
        for step in range(1, self.count + 1):
            if step > 1:
                lines.append(f"step {step} of {self.count} (deploy step {step - 1} first, then run again):")
            lines.extend(f"  {line}" for line in self._step_lines(step))
        return "\n".join(lines) + "\n"

    def _step_lines(self, step: int) -> list[str]:
        lines = [f"{label}: create the table (none deployed matches)" for label in self.new_tables] if step == 1 else []
        for table in self.tables:
            if table.replaced and step == 1:
                lines.append(f"{table.table}: replace the table (allowed with --allow-replacement): {'; '.join(table.in_place)}")
                continue
            parts = [op.describe() + (f" ({TTL_WAIT})" if op.action == "enable TTL" else "") for op in table.operations(step)]
            if step == 1:
                parts += list(table.in_place)
            if parts:
                lines.append(f"{table.table}: {'; '.join(parts)}")
        return lines or ["nothing to change"]


def plan_steps(
    scan: ScanResult,
    deployed: tuple[LoadedTemplate, ...],
    *,
    allow_replacement: bool = False,
    bindings: Mapping[str, str] | None = None,
    bindings_origin: str = "[tool.tagscan.bindings]",
) -> Steps:
    """The steps from ``deployed`` to the models (tables matched as ``tagscan diff`` matches them, with
    the configuration's bindings); raises ``ReplacementRefused`` naming the reason when a table would be
    replaced and ``allow_replacement`` is off."""
    tables = deployed_tables(deployed)
    matches: dict[str, Match] = {}
    for pair in match_tables(scan, deployed, tables, bindings, bindings_origin).matches:
        matches.setdefault(pair.table.key, pair)  # the first template that has the table
    steps: list[TableSteps] = []
    new_tables: list[str] = []
    refused: list[str] = []
    for table in sorted(scan.tables, key=lambda t: t.key):
        match = matches.get(table.key)
        if match is None:
            # Named by its models, as diff's plan names them: the key may be an env var, not a table name.
            new_tables.append(f"table of {', '.join(sorted(table.models))}")
            continue
        try:
            new = shape_of_models(table)
        except TableShapeError:
            continue  # no step builds a table synth refuses (TS201, TS204, TS403, TS503): synth says why
        old = match.deployed.shape
        changes = compare(old, new, Identity(match.deployed.resource_type, match.deployed.logical_id), Identity(SYNTH_RESOURCE_TYPE))
        replacing = [c for c in changes.changes if c.rule == TABLE_REPLACEMENT]
        if replacing and not allow_replacement:
            refused.append(f"{table.key} ({match.deployed.label}): {'; '.join(c.describe() for c in replacing)}: {replacing[0].message}")
            continue
        if replacing:
            described = tuple(c.describe() for c in replacing)
            steps.append(TableSteps(table.key, match.deployed.describe(), (), (), described, replaced=True))
        else:
            steps.append(_table_steps(table.key, match.deployed.describe(), old, new))
    if refused:
        raise ReplacementRefused(
            "a change replaces a table (use --allow-replacement to accept a new, empty table): "
            + " | ".join(refused)
        )
    return Steps(tuple(t.path for t in deployed), tuple(steps), tuple(new_tables))


def _table_steps(key: str, deployed: str, old: TableShape, new: TableShape) -> TableSteps:
    before = {i.name: i for i in old.indexes if i.kind == "GSI"}
    after = {i.name: i for i in new.indexes if i.kind == "GSI"}
    edited = sorted(n for n in before.keys() & after.keys() if not _same_gsi(before[n], after[n]))
    gsi = [Operation("create GSI", n) for n in sorted(after.keys() - before.keys())]
    gsi += [Operation("delete GSI", n) for n in sorted(before.keys() - after.keys())]
    for name in edited:
        gsi += [Operation("delete GSI", name), Operation("create GSI", name)]
    ttl: list[Operation] = []
    in_place: list[str] = []
    if old.ttl and new.ttl and old.ttl != new.ttl:
        ttl = [Operation("disable TTL", old.ttl), Operation("enable TTL", new.ttl)]
    elif old.ttl != new.ttl:
        in_place.append(f"enable TTL {new.ttl} ({TTL_WAIT})" if new.ttl else f"disable TTL {old.ttl}")
    return TableSteps(key, deployed, tuple(gsi), tuple(ttl), tuple(in_place), tuple(before.values()))


def _same_gsi(a: IndexShape, b: IndexShape) -> bool:
    def names(keys: tuple[Key, ...]) -> list[tuple[str, str | None]]:
        return [(k.name, k.type) for k in keys]

    projections = a.projection is None or b.projection is None or a.projection == b.projection
    return names(a.partition_key) == names(b.partition_key) and names(a.sort_key) == names(b.sort_key) and projections


# -- the step as models ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Step(JsonRecord):
    """What ``tagscan synth --against`` builds: the scan of step 1, and the TTL it keeps disabled."""

    scan: ScanResult
    disabled_ttl: tuple[tuple[str, str], ...]  # (table key, attribute): TTL kept in the template, disabled


def first_step(scan: ScanResult, steps: Steps) -> Step:
    """The models as they are after step 1: the scan itself when one step reaches them."""
    if steps.count == 1:
        return Step(scan, ())
    by_key = {t.table: t for t in steps.tables}
    tables, disabled = [], []
    for table in scan.tables:
        staged = by_key.get(table.key)
        if staged is None or staged.replaced or staged.count == 1:
            tables.append(table)
            continue
        gsis = _gsis_after(table, staged.deployed_gsis, staged.operations(1))
        ttl = table.ttl
        for op in staged.operations(1):
            if op.action == "disable TTL":
                ttl = None
                disabled.append((table.key, op.subject))
        lsis = tuple(i for i in table.indexes if i.kind == "LSI")
        tables.append(replace(table, indexes=tuple(sorted((*gsis, *lsis), key=lambda i: i.name)), ttl=ttl))
    return Step(replace(scan, tables=tuple(tables)), tuple(disabled))


def _gsis_after(table: Table, deployed: tuple[IndexShape, ...], operations: list[Operation]) -> list[Index]:
    """The deployed GSIs with step 1's create or delete applied; created ones as the models have them."""
    models = {i.name: i for i in table.indexes if i.kind == "GSI"}
    gsis = {i.name: _index_of(i) for i in deployed}
    for op in operations:
        if op.action == "create GSI":
            gsis[op.subject] = models[op.subject]
        elif op.action == "delete GSI":
            gsis.pop(op.subject)
    return list(gsis.values())


def _index_of(shape: IndexShape) -> Index:
    """A deployed GSI as the IR holds indexes (no Go field: no model declares it any more)."""

    def key(keys: tuple[Key, ...]) -> KeyAttribute | None:
        if not keys:
            return None
        if len(keys) > 1 or keys[0].type not in ("S", "N", "B"):
            raise InputError(f"deployed GSI {shape.name}: its key cannot be kept in a staged step ({keys})")
        return KeyAttribute(field="", attribute=keys[0].name, type=keys[0].type, go_type="")  # type: ignore[arg-type]

    return Index(shape.name, "GSI", key(shape.partition_key), key(shape.sort_key))

