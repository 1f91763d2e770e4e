"""The plan ``tagscan diff`` prints: every table added, removed or changed, each change with a verdict.

Two ways in: the models' tables against deployed templates (the next template is what the models
synthesize), or an old template set against a new one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Literal

from tagscan.against.check import concerns
from tagscan.against.loader import LoadedTemplate
from tagscan.against.matching import match_tables
from tagscan.against.plan import Change, Identity, Verdict, compare, worst
from tagscan.against.tables import SYNTH_RESOURCE_TYPE, DeployedTable, deployed_tables, shape_of_models
from tagscan.model import JsonRecord, ScanResult, Table
from tagscan.rules.ts802_table_replacement import TABLE_REPLACEMENT
from tagscan.rules.ts805_resource_identity_change import RESOURCE_IDENTITY_CHANGE
from tagscan.table_shape import TableShapeError

_RETAINED = ("Retain", "RetainExceptOnCreate", "Snapshot")


@dataclass(frozen=True)
class TablePlan(JsonRecord):
    table: str  # the deployed logical id, else the new one, else the models (never an env var)
    # unmatched: the models' table matches no template table; unused: a template table no model matches
    action: Literal["add", "remove", "change", "unchanged", "unmatched", "unused", "invalid"]
    old: str | None  # the old resource, described
    new: str | None  # the new resource or the models' table
    matched_by: str | None
    verdict: Verdict
    message: str
    changes: tuple[Change, ...] = ()
    stages: tuple[str, ...] = ()
    models: tuple[str, ...] = ()  # the models whose table this is, when it is theirs


@dataclass(frozen=True)
class Plan(JsonRecord):
    old: tuple[str, ...]  # deployed template paths
    new: tuple[str, ...]  # new template paths, or the model paths
    tables: tuple[TablePlan, ...]

    @property
    def verdict(self) -> Verdict:
        return worst(t.verdict for t in self.tables)

    def count(self, verdict: Verdict) -> int:
        return sum(1 for t in self.tables for v in ([c.verdict for c in t.changes] or [t.verdict]) if v == verdict)


def plan_models(
    scan: ScanResult,
    model_paths: tuple[str, ...],
    deployed: tuple[LoadedTemplate, ...],
    bindings: Mapping[str, str] | None = None,
    bindings_origin: str = "[tool.tagscan.bindings]",
) -> Plan:
    """Deploying the models' tables (as ``tagscan synth`` builds them) over the deployed templates.

    The models' tables are matched as ``lint --against`` matches them: a table no template table
    matches is ``unmatched`` (an error, as TS701 is), never planned as a new table.
    """
    tables = deployed_tables(deployed)
    matching = match_tables(scan, deployed, tables, bindings, bindings_origin)
    plans: list[TablePlan] = []
    for table in sorted(scan.tables, key=lambda t: t.key):
        label = concerns(table.models)
        new = f"{label} ({_name_source(table)})"
        found = matching.of(table)
        try:
            ours = shape_of_models(table)
        except TableShapeError as exc:
            message = f"the models' table cannot be created: {exc}; tagscan synth cannot build it"
            plans.append(TablePlan(label, "invalid", None, new, None, "error", message, models=table.models))
            continue
        if not found:
            message = f"the models' table matches no DynamoDB table {matching.tried[table.key]}"
            plans.append(TablePlan(label, "unmatched", None, new, None, "error", message, models=table.models))
        for match in found:
            d = match.deployed
            changes = compare(
                d.shape, ours, Identity(d.resource_type, d.logical_id), Identity(SYNTH_RESOURCE_TYPE)
            )
            plans.append(replace(_changed(d, new, match.how, changes.changes, changes.stages), models=table.models))
    matched = {(m.deployed.template, m.deployed.logical_id) for m in matching.matches}
    for d in tables:
        if (d.template, d.logical_id) not in matched:
            plans.append(
                TablePlan(
                    d.logical_id,
                    "unused",
                    d.describe(),
                    None,
                    None,
                    "warning" if d.is_dynamorm else "ok",
                    "no model matches this table" + (" (tagged DynamORM)" if d.is_dynamorm else ""),
                )
            )
    return Plan(tuple(t.path for t in deployed), model_paths, tuple(plans))


def _name_source(table: Table) -> str:
    """Where the models' table name comes from, for the plan (an env var is not a table's name)."""
    if table.source == "env":
        return f"table name from {', '.join(table.envs)}"
    if table.source == "pattern":
        return f"table name {table.pattern}"
    if table.source == "unresolved":
        return "table name unresolved"
    return f"table {table.name}"


def plan_templates(old: tuple[LoadedTemplate, ...], new: tuple[LoadedTemplate, ...]) -> Plan:
    """Updating the stacks of ``old`` to ``new``; tables are paired by logical id, then by a literal
    ``TableName``, the ``ModelName`` tag, the construct path."""
    before, after = list(deployed_tables(old)), list(deployed_tables(new))
    pairs = _pair(before, after)
    plans: list[TablePlan] = []
    for n in after:
        if id(n) not in pairs:
            plans.append(TablePlan(n.logical_id, "add", None, n.describe(), None, "ok", "a new table"))
            continue
        o, how = pairs[id(n)]
        changes = compare(
            o.shape, n.shape, Identity(o.resource_type, o.logical_id), Identity(n.resource_type, n.logical_id)
        )
        plans.append(_changed(o, n.describe(), how, changes.changes, changes.stages))
    paired = {id(o) for o, _ in pairs.values()}
    for o in before:
        if id(o) not in paired:
            retained = o.deletion_policy in _RETAINED
            plans.append(
                TablePlan(
                    o.logical_id,
                    "remove",
                    o.describe(),
                    None,
                    None,
                    "ok" if retained else "warning",
                    f"removed from the stack: {'orphaned, data kept' if retained else 'deleted with its data'} "
                    f"(DeletionPolicy {o.deletion_policy or 'Delete'})",
                )
            )
    return Plan(tuple(t.path for t in old), tuple(t.path for t in new), tuple(plans))


def _changed(old: DeployedTable, new: str, how: str, changes: tuple[Change, ...], stages: tuple[str, ...]) -> TablePlan:
    verdict = worst(c.verdict for c in changes)
    if not changes:
        return TablePlan(old.logical_id, "unchanged", old.describe(), new, how, "ok", "no change", changes, stages)
    rules = {c.rule for c in changes}
    if TABLE_REPLACEMENT in rules:
        message = "replaced"
    elif RESOURCE_IDENTITY_CHANGE in rules:
        message = "recreated as a new resource"
    else:
        message = f"updated in {len(stages)} deploys" if stages else "updated in place"
    return TablePlan(old.logical_id, "change", old.describe(), new, how, verdict, message, changes, stages)


_WAYS = (
    ("logical id", lambda t: t.logical_id),
    ("TableName", lambda t: t.shape.table_name if isinstance(t.shape.table_name, str) else None),
    ("ModelName tag", lambda t: t.tag("ModelName")),
    ("construct path", lambda t: t.construct_path),
)


def _pair(before: list[DeployedTable], after: list[DeployedTable]) -> dict[int, tuple[DeployedTable, str]]:
    """new table id → (its old table, how they were paired): each way in order, each old table once."""
    pairs: dict[int, tuple[DeployedTable, str]] = {}
    taken: set[int] = set()
    for way, key in _WAYS:
        for n in after:
            if id(n) in pairs or key(n) is None:
                continue
            o = next((o for o in before if id(o) not in taken and key(o) == key(n)), None)
            if o is not None:
                pairs[id(n)] = (o, f"{way} {key(n)}")
                taken.add(id(o))
    return pairs
