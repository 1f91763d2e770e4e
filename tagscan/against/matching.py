"""Which template table each of the scan's tables is: one match per table and template.

The ways are tried in order, and the first that finds a table in a template wins there: a Lambda
function's environment variable named as the models' env var whose value references the table
(``Ref``, ``Fn::GetAtt``, or ``Fn::ImportValue`` of an output that does); any env var of the
models' chain counts; a literal ``TableName``
equal to the models' literal or default name; the ``ModelName`` tag of a ``DynamORMTable``; a
construct id in the ``aws:cdk:path`` metadata.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from tagscan.against.loader import LoadedTemplate
from tagscan.against.tables import DeployedTable, as_dict
from tagscan.model import ScanResult, Table

FUNCTION_TYPES = ("AWS::Lambda::Function", "AWS::Serverless::Function")
_MODEL_SUFFIXES = ("record", "model", "item", "entity", "entry")
_ENV_SUFFIXES = ("_table_name", "_table")
_PATH_NOISE = {"resource", "table", "default"}
_SUB_PLACEHOLDER = re.compile(r"\$\{([A-Za-z0-9_:]+)(?:\.[A-Za-z0-9_.]+)?\}")


@dataclass(frozen=True)
class Match:
    table: Table
    deployed: DeployedTable
    how: str  # e.g. "env var RATE_LIMIT_TABLE_NAME of Lambda Fn1234", "ModelName tag RateLimit"


@dataclass(frozen=True)
class _Known:
    """What the ways look tables up by: each scan table's names and stems, and the env var references."""

    names: dict[str, set[str]]  # scan table key → physical names
    stems: dict[str, set[str]]  # scan table key → identity stems
    env_refs: dict[str, list[tuple[str, str, str]]]


Way = Callable[[_Known, Table, list[DeployedTable]], Iterator[tuple[DeployedTable, str]]]


def _by_env_var(known: _Known, table: Table, candidates: list[DeployedTable]) -> Iterator[tuple[DeployedTable, str]]:
    """A function setting any env var of the models' chain to the table: the models read it first
    when it is set, whichever of the chain it is."""
    by_id = {(d.template, d.logical_id): d for d in candidates}
    for env in table_envs(table):
        for template, logical_id, function in known.env_refs.get(env, []):
            if (template, logical_id) in by_id:
                yield by_id[template, logical_id], f"env var {env} of Lambda {function}"


def table_envs(table: Table) -> tuple[str, ...]:
    """The env vars that name the table, in lookup order (a pattern's env vars only build a name)."""
    if table.source != "env":
        return ()
    return table.envs or ((table.env,) if table.env else ())


def _by_table_name(known: _Known, table: Table, candidates: list[DeployedTable]) -> Iterator[tuple[DeployedTable, str]]:
    for d in candidates:
        if isinstance(d.shape.table_name, str) and d.shape.table_name in known.names[table.key]:
            yield d, f"TableName {d.shape.table_name}"


def _by_model_name_tag(
    known: _Known, table: Table, candidates: list[DeployedTable]
) -> Iterator[tuple[DeployedTable, str]]:
    for d in candidates:
        model_name = d.tag("ModelName")
        if model_name is not None and _normal(model_name) in known.stems[table.key]:
            yield d, f"ModelName tag {model_name}"


def _by_construct_path(
    known: _Known, table: Table, candidates: list[DeployedTable]
) -> Iterator[tuple[DeployedTable, str]]:
    for d in candidates:
        if d.construct_path and any(_stem(i) in known.stems[table.key] for i in _path_ids(d.construct_path)):
            yield d, f"construct path {d.construct_path}"


_WAYS: tuple[Way, ...] = (_by_env_var, _by_table_name, _by_model_name_tag, _by_construct_path)


def match_tables(
    scan: ScanResult, templates: tuple[LoadedTemplate, ...], deployed: tuple[DeployedTable, ...]
) -> tuple[Match, ...]:
    """Every (scan table, template table) pair, in scan-table then template order.

    In each template the ways are tried in order over all the scan's tables, and a table that one
    scan table took by a stronger way is not given to another by a weaker one (only env var
    references, which name the table outright, may share it).
    """
    tables = sorted(scan.tables, key=lambda t: t.key)
    known = _Known(
        names={t.key: physical_names(scan, t) for t in tables},
        stems={t.key: identity_stems(t) for t in tables},
        env_refs=_env_references(templates),
    )
    found: dict[tuple[str, int], Match] = {}
    for position, loaded in enumerate(templates):
        candidates = [d for d in deployed if d.template == loaded.path]
        claimed: set[str] = set()
        for way in _WAYS:
            for table in tables:
                if (table.key, position) in found:
                    continue
                for d, how in way(known, table, candidates):
                    if way is _by_env_var or d.logical_id not in claimed:
                        found[table.key, position] = Match(table, d, how)
                        claimed.add(d.logical_id)
                        break
    return tuple(found[key] for key in sorted(found))


def physical_names(scan: ScanResult, table: Table) -> set[str]:
    """The literal name, the env var's fallback, and the pluralised name the ORM falls back to."""
    refs = [m.table for m in scan.models if m.name in table.models]
    return {n for n in (table.name, *(r.name for r in refs), *(r.default_name for r in refs)) if n}


def identity_stems(table: Table) -> set[str]:
    """Normalised names the table goes by: its models (with and without a Record/Model/... suffix),
    its env var without `_TABLE_NAME`, its literal name; each also without a trailing `table`."""
    names = [*table.models, table.name or ""]
    for env in table_envs(table):
        env = env.lower()
        for suffix in _ENV_SUFFIXES:
            if env.endswith(suffix) and len(env) > len(suffix):
                env = env[: -len(suffix)]
                break
        names.append(env)
    stems = set()
    for name in names:
        normal = _normal(name)
        stems.update({normal, _stem(normal)})
        stems.update(normal[: -len(s)] for s in _MODEL_SUFFIXES if normal.endswith(s) and len(normal) > len(s))
    stems.discard("")
    return stems


def _normal(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def _stem(name: str) -> str:
    normal = _normal(name)
    return normal[: -len("table")] if normal.endswith("table") and len(normal) > len("table") else normal


def _path_ids(path: str) -> list[str]:
    """The construct ids of a path, without the stack and the L1/L2 leaves (`Resource`, `Table`)."""
    return [p for p in path.split("/")[1:] if p.lower() not in _PATH_NOISE]


def _env_references(templates: tuple[LoadedTemplate, ...]) -> dict[str, list[tuple[str, str, str]]]:
    """env var name → (template, table logical id, function logical id) for every function variable
    whose value references a resource (through an export when it is an ``Fn::ImportValue``)."""
    exports = _exports(templates)
    refs: dict[str, list[tuple[str, str, str]]] = {}
    for loaded in templates:
        for function_id in sorted(loaded.resources, key=str):
            resource = loaded.resources[function_id]
            if not isinstance(resource, dict) or resource.get("Type") not in FUNCTION_TYPES:
                continue
            variables = as_dict(as_dict(as_dict(resource.get("Properties")).get("Environment")).get("Variables"))
            for name, value in sorted(variables.items(), key=lambda item: str(item[0])):
                for target in _targets(value, loaded.path, exports, set()):
                    refs.setdefault(name, []).append((*target, function_id))
    return refs


def _exports(templates: tuple[LoadedTemplate, ...]) -> dict[str, tuple[str, Any]]:
    """Literal export name → (template, the output's value)."""
    exports = {}
    for loaded in templates:
        for output in as_dict(loaded.template.get("Outputs")).values():
            name = as_dict(as_dict(output).get("Export")).get("Name")
            if isinstance(name, str):
                exports[name] = (loaded.path, output.get("Value"))
    return exports


def _targets(
    value: Any, template: str, exports: dict[str, tuple[str, Any]], imported: set[str]
) -> Iterator[tuple[str, str]]:
    """(template, logical id) of every resource an expression references; ``imported`` holds the
    exports already followed, so exports that import each other end."""
    if isinstance(value, list):
        for item in value:
            yield from _targets(item, template, exports, imported)
    if not isinstance(value, dict):
        return
    for key, arg in value.items():
        if key == "Ref" and isinstance(arg, str):
            yield template, arg
        elif key == "Fn::GetAtt":
            target = arg[0] if isinstance(arg, list) and arg else arg.split(".", 1)[0] if isinstance(arg, str) else None
            if isinstance(target, str):
                yield template, target
        elif key == "Fn::ImportValue" and isinstance(arg, str) and arg in exports and arg not in imported:
            imported.add(arg)
            yield from _targets(exports[arg][1], exports[arg][0], exports, imported)
        elif key == "Fn::Sub":
            text = arg[0] if isinstance(arg, list) and arg else arg
            if isinstance(text, str):
                yield from ((template, name) for name in _SUB_PLACEHOLDER.findall(text))
            yield from _targets(arg, template, exports, imported)
        else:
            yield from _targets(arg, template, exports, imported)
