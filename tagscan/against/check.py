"""The findings of the TS7xx/TS8xx rules for one scan and the templates given with ``--against``.

Computed once per (scan, templates) and shared by the rules, which only pick their own id.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tagscan.against.loader import LoadedTemplate
from tagscan.against.locate import attribute_location, field_location, index_location, struct_location
from tagscan.against.matching import Match, match_tables
from tagscan.against.naming_hint import naming_hint
from tagscan.against.plan import Change, Identity, compare
from tagscan.against.tables import SYNTH_RESOURCE_TYPE, DeployedTable, Key, deployed_tables, shape_of_models
from tagscan.model import Index, KeyAttribute, Location, Model, ScanResult, Table

_ARTICLED = {"GSI": "a GSI", "LSI": "an LSI"}


@dataclass(frozen=True)
class Issue:
    rule: str
    at: Location
    message: str
    hint: str | None = None


_last: list[tuple[ScanResult, tuple[Any, ...], tuple[Issue, ...]]] = []


def issues(scan: ScanResult, templates: tuple[Any, ...]) -> tuple[Issue, ...]:
    """Every TS7xx/TS8xx issue; the last result is kept, since each rule asks for the same one."""
    if _last and _last[0][0] is scan and _last[0][1] is templates:
        return _last[0][2]
    found = tuple(_issues(scan, tuple(t for t in templates if isinstance(t, LoadedTemplate))))
    _last[:] = [(scan, templates, found)]
    return found


def _issues(scan: ScanResult, templates: tuple[LoadedTemplate, ...]) -> list[Issue]:
    deployed = deployed_tables(templates)
    matches = match_tables(scan, templates, deployed)
    by_name = {m.name: m for m in reversed(scan.models)}
    found: list[Issue] = []
    for table in sorted(scan.tables, key=lambda t: t.key):
        models = [by_name[n] for n in table.models if n in by_name]
        table_matches = [m for m in matches if m.table is table]
        if not models:
            continue
        if not table_matches:
            found += [_without_table(model, table, templates) for model in models]
        for match in table_matches:
            found += _model_issues(match, models)
            # Without a partition key (TS201) there is no table to deploy, so no update to check.
            if table.partition_key is not None:
                found += _plan_issues(match, models)
    matched = {(m.deployed.template, m.deployed.logical_id) for m in matches}
    found += [_unused(d, scan.root) for d in deployed if d.is_dynamorm and (d.template, d.logical_id) not in matched]
    return found


def _without_table(model: Model, table: Table, templates: tuple[LoadedTemplate, ...]) -> Issue:
    envs = table_envs(table)
    ways = [f"env var{'s' if len(envs) > 1 else ''} {', '.join(envs)}" if envs else None,
            f"TableName {table.name}" if table.name else None]
    tried = ", ".join(w for w in [*ways, "ModelName tag", "construct path"] if w)
    where = ", ".join(t.path for t in templates)
    return Issue(
        "TS701", struct_location(model), f"model {model.name} matches no DynamoDB table in {where} (tried {tried})"
    )


def _unused(d: DeployedTable, root: str) -> Issue:
    # Finding files are relative to the scan root, like the Go files'.
    template = Path(os.path.relpath(Path(d.template).resolve(), root)).as_posix()
    return Issue(
        "TS702",
        Location(template, d.line, d.column),
        f"DynamORM table {d.label} is used by no scanned model",
    )


def _model_issues(match: Match, models: list[Model]) -> list[Issue]:
    d = match.deployed
    suffix = f"table {d.describe()}, matched by {match.how}"
    found: list[Issue] = []
    for model in models:
        found += _key_issues(model, d, suffix)
        for index in model.indexes:
            found += _index_issues(model, index, d, suffix)
        if model.ttl:
            found += _ttl_issues(model, d, suffix)
    writers = {a.name for m in models for a in m.attributes}
    if d.shape.ttl and not any(m.ttl for m in models) and d.shape.ttl not in writers:
        found.append(
            Issue(
                "TS706",
                struct_location(models[0]),
                f"the table's TTL attribute `{d.shape.ttl}` is written by no model of table {match.table.key} "
                f"({suffix})",
            )
        )
    return found


def _key_text(keys: tuple[Key, ...]) -> str:
    return " + ".join(f"`{k.name}` ({k.type})" if k.type else f"`{k.name}`" for k in keys) or "none"


def _model_key(key: KeyAttribute | None) -> tuple[Key, ...]:
    return (Key(key.attribute, key.type),) if key else ()


def _differs(ours: tuple[Key, ...], theirs: tuple[Key, ...]) -> bool:
    return len(ours) != len(theirs) or any(
        a.name != b.name or (b.type is not None and a.type != b.type) for a, b in zip(ours, theirs, strict=False)
    )


def _hint(ours: tuple[Key, ...], theirs: tuple[Key, ...]) -> str | None:
    # Keys of different lengths are compared as far as both go.
    return next((h for a, b in zip(ours, theirs, strict=False) if (h := naming_hint(a.name, b.name))), None)


def _key_issues(model: Model, d: DeployedTable, suffix: str) -> list[Issue]:
    found = []
    for role, key, theirs in (
        ("partition key", model.partition_key, d.shape.partition_key),
        ("sort key", model.sort_key, d.shape.sort_key),
    ):
        ours = _model_key(key)
        if (key is None and role == "partition key") or not _differs(ours, theirs):
            continue
        at = field_location(model, key.field) if key else struct_location(model)
        found.append(
            Issue(
                "TS703",
                at,
                f"{role}: the model writes {_key_text(ours)}; the table declares {_key_text(theirs)} ({suffix})",
                _hint(ours, theirs),
            )
        )
    return found


def _index_issues(model: Model, index: Index, d: DeployedTable, suffix: str) -> list[Issue]:
    at = index_location([model], index.name)
    theirs = d.shape.index(index.name)
    if theirs is None:
        return [
            Issue("TS704", at, f"{index.kind} `{index.name}` is not on the table: queries through it fail ({suffix})")
        ]
    if theirs.kind != index.kind:
        return [
            Issue(
                "TS705",
                at,
                f"`{index.name}` is {_ARTICLED[index.kind]} in the model and {_ARTICLED[theirs.kind]} on the "
                f"table ({suffix})",
            )
        ]
    ours_pk = _model_key(model.partition_key if index.kind == "LSI" else index.partition_key)
    ours, table = (ours_pk, _model_key(index.sort_key)), (theirs.partition_key, theirs.sort_key)
    if any(_differs(a, b) for a, b in zip(ours, table, strict=True)):
        return [
            Issue(
                "TS705",
                at,
                f"{index.kind} `{index.name}`: the model's keys are {_index_keys(*ours)}; the table's are "
                f"{_index_keys(*table)} ({suffix})",
                _hint(ours[0], table[0]) or _hint(ours[1], table[1]),
            )
        ]
    if theirs.projection not in (None, "ALL"):
        return [
            Issue(
                "TS707",
                at,
                f"{index.kind} `{index.name}` projects {theirs.projection}, but the ORM reads whole items through it: "
                f"attributes outside the projection come back empty ({suffix})",
            )
        ]
    return []


def _index_keys(pk: tuple[Key, ...], sk: tuple[Key, ...]) -> str:
    return _key_text(pk) + (f", sort {_key_text(sk)}" if sk else "")


def _ttl_issues(model: Model, d: DeployedTable, suffix: str) -> list[Issue]:
    assert model.ttl is not None
    ours, theirs = model.ttl.attribute, d.shape.ttl
    at = field_location(model, model.ttl.field)
    if theirs is None:
        return [
            Issue("TS706", at, f"TTL: the model expires items by `{ours}`; the table has no TTL enabled ({suffix})")
        ]
    if theirs != ours:
        return [
            Issue(
                "TS706",
                at,
                f"TTL: the model writes `{ours}`; the table's TTL attribute is `{theirs}`, so items never expire "
                f"({suffix})",
                naming_hint(ours, theirs),
            )
        ]
    return []


def _plan_issues(match: Match, models: list[Model]) -> list[Issue]:
    d = match.deployed
    changes = compare(
        d.shape,
        shape_of_models(match.table),
        Identity(d.resource_type, d.logical_id),
        Identity(SYNTH_RESOURCE_TYPE),
    )
    prefix = f"deploying these models' table over {d.describe()} (matched by {match.how})"
    return [
        Issue(
            c.rule,
            _change_location(c, models),
            f"{prefix}: {c.describe()}: {c.message}",
            "; ".join(changes.stages) if c.rule == "TS801" else None,
        )
        for c in changes.changes
        if c.rule
    ]


def _change_location(change: Change, models: list[Model]) -> Location:
    if change.index:
        return index_location(models, change.index)
    if change.attribute:
        return attribute_location(models, change.attribute)
    if change.subject == "TableName":
        return next((m.table.location for m in models if m.table.location), struct_location(models[0]))
    return struct_location(models[0])
