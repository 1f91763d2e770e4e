"""Which template tables each of the scan's tables is bound to, and how that was found.

The ways, strongest first:
1. ``[tool.tagscan.bindings]``: the user names the table (by logical id or construct path) for a
   model, an env var or a table name.
2. Env vars: of the models' chain, the first env var that any Lambda function sets; every function
   that sets it and whose value references a table (``Ref``, ``Fn::GetAtt``, ``Fn::Sub``, or
   ``Fn::ImportValue`` of an output that does) binds the models to that table. Functions that point
   the variable at different tables bind the models to each (and that is reported).
3. A literal ``TableName`` equal to the models' literal, fallback or default name.
4. The ``ModelName`` tag of a ``DynamORMTable``.
5. A construct id in the ``aws:cdk:path`` metadata.
Ways 1 and 2 name tables outright and may bind one table to several scan tables; ways 3-5 are
tried, per template, only for scan tables the stronger ways left unbound, and never take a table a
stronger way gave to another scan table.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from tagscan.against.loader import LoadedTemplate
from tagscan.against.tables import DeployedTable, as_dict
from tagscan.errors import ConfigError
from tagscan.model import ScanResult, Table
from tagscan.table_shape import env_var_stem

FUNCTION_TYPES = ("AWS::Lambda::Function", "AWS::Serverless::Function")
_MODEL_SUFFIXES = ("record", "model", "item", "entity", "entry")
_PATH_NOISE = {"resource", "table", "default"}
_SUB_PLACEHOLDER = re.compile(r"\$\{([A-Za-z0-9_:]+)(?:\.[A-Za-z0-9_.]+)?\}")
_ORDINALS = {1: "1st", 2: "2nd", 3: "3rd"}


@dataclass(frozen=True)
class Match:
    table: Table
    deployed: DeployedTable
    how: str  # e.g. "env var RATE_LIMIT_TABLE_NAME of Lambda Fn1234", "ModelName tag RateLimit"


@dataclass(frozen=True)
class EnvSetting:
    """One function's value for one env var, and the template resources it references."""

    env: str
    template: str  # the function's template
    function: str
    tables: tuple[DeployedTable, ...]  # the tables the value references
    other: str | None = None  # what it references instead, when no table: "a literal", "parameter X", ...

    @property
    def targets(self) -> tuple[str, ...]:
        """What the value points at: the tables' labels, else what it is instead."""
        return tuple(d.label for d in self.tables) or (self.other or "",)


@dataclass(frozen=True)
class Conflict:
    """Functions of one template that point a scan table's env var at different tables."""

    table: Table
    template: str
    settings: tuple[EnvSetting, ...]  # each function's setting, by function


@dataclass(frozen=True)
class Unset:
    """A scan table bound by a weaker way although it reads env vars that no function sets."""

    table: Table
    envs: tuple[str, ...]
    functions: int  # how many functions the templates have


@dataclass(frozen=True)
class Matching:
    matches: tuple[Match, ...]  # by scan table key, then template order
    conflicts: tuple[Conflict, ...] = ()
    unset: tuple[Unset, ...] = ()
    tried: Mapping[str, str] = field(default_factory=dict)  # scan table key → what was tried (unbound tables)

    def of(self, table: Table) -> list[Match]:
        return [m for m in self.matches if m.table is table]


def env_chain(table: Table) -> tuple[str, ...]:
    """The env vars the table's name is read from, in lookup order; none for a pattern, whose env
    vars are parts of the name, not the name."""
    return table.envs if table.source == "env" else ()


def match_tables(
    scan: ScanResult,
    templates: tuple[LoadedTemplate, ...],
    deployed: tuple[DeployedTable, ...],
    bindings: Mapping[str, str] | None = None,
    bindings_origin: str = "[tool.tagscan.bindings]",
) -> Matching:
    """Bind every scan table to template tables (see the module docstring).

    Raises ``ConfigError`` for a binding whose key names no model, env var or table name of the
    scan, or whose value names no table of the templates.
    """
    tables = sorted(scan.tables, key=lambda t: t.key)
    bound = _bound_by_config(tables, deployed, bindings or {}, bindings_origin)
    settings = _env_settings(templates, deployed)
    found: dict[str, list[Match]] = {t.key: [Match(t, d, how) for d, how in bound.get(t.key, [])] for t in tables}
    conflicts: list[Conflict] = []
    for table in tables:
        if found[table.key]:
            continue
        chosen = _chosen_settings(settings, env_chain(table))
        found[table.key] = _env_matches(table, chosen)
        conflicts += _conflicts(table, chosen)
    _match_by_identity(scan, tables, templates, deployed, found)
    functions = sum(1 for t in templates for r in t.resources.values() if _is_function(r))
    unset = []
    tried = {}
    for table in tables:
        chain = env_chain(table)
        # Templates without functions (a table-only stack) say nothing about who sets what.
        if found[table.key] and chain and functions and not any(s.env in chain for s in settings):
            unset.append(Unset(table, chain, functions))
        if not found[table.key]:
            tried[table.key] = _tried(scan, table, templates, deployed, settings, bindings or {}, functions)
    matches = tuple(m for t in tables for m in found[t.key])
    return Matching(matches, tuple(conflicts), tuple(unset), tried)


# --- 1. bindings -----------------------------------------------------------------------------


def _bound_by_config(
    tables: list[Table],
    deployed: tuple[DeployedTable, ...],
    bindings: Mapping[str, str],
    origin: str,
) -> dict[str, list[tuple[DeployedTable, str]]]:
    bound: dict[str, list[tuple[DeployedTable, str]]] = {}
    for key, target in sorted(bindings.items()):
        subjects = [t for t in tables if key in t.models or key in env_chain(t) or key == t.name]
        if not subjects:
            raise ConfigError(f"{origin}: {key} = {target!r}: {key} is no model, env var or table name of the scan")
        named = [d for d in deployed if target in (d.logical_id, d.construct_path) or _under(d.construct_path, target)]
        if not named:
            raise ConfigError(
                f"{origin}: {key} = {target!r}: no table of the templates has the logical id or construct path {target}"
            )
        for table in subjects:
            for d in named:
                if all(d is not other for other, _ in bound.get(table.key, [])):
                    bound.setdefault(table.key, []).append((d, f"binding {key} = {target}"))
    return bound


def _under(path: str | None, prefix: str) -> bool:
    """`Stack/StateTable` names the table at `Stack/StateTable/Resource`."""
    return path is not None and path.startswith(prefix.rstrip("/") + "/") and "/" in prefix


# --- 2. env vars ------------------------------------------------------------------------------


def _is_function(resource: Any) -> bool:
    return isinstance(resource, dict) and resource.get("Type") in FUNCTION_TYPES


def _env_settings(templates: tuple[LoadedTemplate, ...], deployed: tuple[DeployedTable, ...]) -> list[EnvSetting]:
    """Every env var of every function, in template order, then by function and name."""
    exports = _exports(templates)
    by_id = {(d.template, d.logical_id): d for d in deployed}
    settings = []
    for loaded in templates:
        parameters = as_dict(loaded.template.get("Parameters"))
        for function_id in sorted(loaded.resources, key=str):
            resource = loaded.resources[function_id]
            if not _is_function(resource):
                continue
            variables = as_dict(as_dict(as_dict(resource.get("Properties")).get("Environment")).get("Variables"))
            for name, value in sorted(variables.items(), key=lambda item: str(item[0])):
                missing: list[str] = []
                targets = list(_targets(value, loaded.path, exports, set(), missing))
                tables = tuple(dict.fromkeys(by_id[t] for t in targets if t in by_id))
                if isinstance(value, str):
                    # A literal names the table whose literal TableName it is.
                    tables = tuple(d for d in deployed if d.shape.table_name == value)
                other = None
                if not tables:
                    other = f"the literal {value!r}" if isinstance(value, str) else _what_else(
                        targets, missing, parameters, loaded
                    )
                settings.append(EnvSetting(str(name), loaded.path, function_id, tables, other))
    return settings


def _what_else(
    targets: list[tuple[str, str]], missing: list[str], parameters: dict[Any, Any], loaded: LoadedTemplate
) -> str:
    """What a value that references no table is, for TS701's account of what was tried."""
    if missing:
        return f"Fn::ImportValue {missing[0]}, which no given template exports"
    for _, name in targets:
        if name in parameters:
            return f"parameter {name} (a CfnParameter: say the table in [tool.tagscan.bindings])"
        if name in loaded.resources:
            return f"resource {name} ({as_dict(loaded.resources[name]).get('Type')}), not a table"
    return "a value that references no resource"


def _chosen_settings(settings: list[EnvSetting], chain: tuple[str, ...]) -> list[tuple[int, EnvSetting]]:
    """The settings of the first env var of the chain that any function sets, with its position in the chain."""
    for position, env in enumerate(chain):
        chosen = [(position, s) for s in settings if s.env == env]
        if chosen:
            return chosen
    return []


def _env_text(env: str, position: int, chain: tuple[str, ...]) -> str:
    if len(chain) == 1:
        return f"env var {env}"
    ordinal = _ORDINALS.get(position + 1, f"{position + 1}th")
    return f"env var {env} ({ordinal} of {', '.join(chain)})"


def _env_matches(table: Table, chosen: list[tuple[int, EnvSetting]]) -> list[Match]:
    """One match per table the functions point at; `how` names the env var and the functions."""
    by_table: dict[tuple[str, str], tuple[DeployedTable, list[tuple[int, EnvSetting]]]] = {}
    for position, s in chosen:
        for d in s.tables:
            by_table.setdefault((d.template, d.logical_id), (d, []))[1].append((position, s))
    chain = env_chain(table)
    matches = []
    for d, pointing in by_table.values():
        position, first = pointing[0]
        functions = sorted(s.function for _, s in pointing)
        matches.append(Match(table, d, f"{_env_text(first.env, position, chain)} of {lambdas(functions)}"))
    return matches


def lambdas(functions: list[str]) -> str:
    """`Lambda Api`, `Lambdas Api, Auth`, `Lambdas Api, Auth, Billing and 6 more`."""
    if len(functions) == 1:
        return f"Lambda {functions[0]}"
    shown = ", ".join(functions[:3])
    return f"Lambdas {shown}" + (f" and {len(functions) - 3} more" if len(functions) > 3 else "")


def _conflicts(table: Table, chosen: list[tuple[int, EnvSetting]]) -> list[Conflict]:
    """Per template, the functions that point the env var at more than one place, when one is a table."""
    by_template: dict[str, list[EnvSetting]] = {}
    for _, s in chosen:
        by_template.setdefault(s.template, []).append(s)
    return [
        Conflict(table, template, tuple(group))
        for template, group in by_template.items()
        if any(s.tables for s in group) and len({target for s in group for target in s.targets}) > 1
    ]


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
    value: Any, template: str, exports: dict[str, tuple[str, Any]], imported: set[str], missing: list[str]
) -> Iterator[tuple[str, str]]:
    """(template, logical id) of every resource or parameter an expression references; ``imported``
    holds the exports already followed, so exports that import each other end; imports of exports no
    template has go to ``missing``."""
    if isinstance(value, list):
        for item in value:
            yield from _targets(item, template, exports, imported, missing)
    if not isinstance(value, dict):
        return
    for key, arg in value.items():
        if key == "Ref" and isinstance(arg, str):
            yield template, arg
        elif key == "Fn::GetAtt":
            target = arg[0] if isinstance(arg, list) and arg else arg.split(".", 1)[0] if isinstance(arg, str) else None
            if isinstance(target, str):
                yield template, target
        elif key == "Fn::ImportValue" and isinstance(arg, str):
            if arg not in exports:
                missing.append(arg)
            elif arg not in imported:
                imported.add(arg)
                yield from _targets(exports[arg][1], exports[arg][0], exports, imported, missing)
        elif key == "Fn::Sub":
            text = arg[0] if isinstance(arg, list) and arg else arg
            if isinstance(text, str):
                yield from ((template, name) for name in _SUB_PLACEHOLDER.findall(text))
            yield from _targets(arg, template, exports, imported, missing)
        else:
            yield from _targets(arg, template, exports, imported, missing)


# --- 3-5. names, tags, construct paths -------------------------------------------------------


def _match_by_identity(
    scan: ScanResult,
    tables: list[Table],
    templates: tuple[LoadedTemplate, ...],
    deployed: tuple[DeployedTable, ...],
    found: dict[str, list[Match]],
) -> None:
    """Ways 3-5, per template, for the scan tables no stronger way bound there (in place, into ``found``)."""
    names = {t.key: physical_names(scan, t) for t in tables}
    stems = {t.key: identity_stems(t) for t in tables}
    ways = (
        lambda t, d: f"TableName {d.shape.table_name}"
        if isinstance(d.shape.table_name, str) and d.shape.table_name in names[t.key]
        else None,
        lambda t, d: f"ModelName tag {d.tag('ModelName')}"
        if d.tag("ModelName") is not None and _normal(d.tag("ModelName") or "") in stems[t.key]
        else None,
        lambda t, d: f"construct path {d.construct_path}"
        if d.construct_path and any(_stem(i) in stems[t.key] for i in _path_ids(d.construct_path))
        else None,
    )
    for loaded in templates:
        candidates = [d for d in deployed if d.template == loaded.path]
        claimed = {m.deployed.logical_id for ms in found.values() for m in ms if m.deployed.template == loaded.path}
        # A scan table bound by a stronger way to a table of this template is done here.
        done = {key for key, ms in found.items() if any(m.deployed.template == loaded.path for m in ms)}
        for way in ways:
            for table in tables:
                if table.key in done:
                    continue
                for d in candidates:
                    how = way(table, d)
                    if how is not None and d.logical_id not in claimed:
                        found[table.key].append(Match(table, d, how))
                        claimed.add(d.logical_id)
                        done.add(table.key)
                        break


def physical_names(scan: ScanResult, table: Table) -> set[str]:
    """The literal name, the env var's fallback, and the pluralised name the ORM falls back to."""
    refs = [m.table for m in scan.models_of(table)]
    return {n for n in (table.name, *(r.name for r in refs), *(r.default_name for r in refs)) if n}


def identity_stems(table: Table) -> set[str]:
    """Normalised names the table goes by: its models (with and without a Record/Model/... suffix),
    its env vars without `_TABLE_NAME`, its literal name; each also without a trailing `table`."""
    names = [*table.models, table.name or ""]
    names += [env_var_stem(env).lower() for env in env_chain(table)]
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


# --- what was tried, for TS701 ----------------------------------------------------------------


def _tried(
    scan: ScanResult,
    table: Table,
    templates: tuple[LoadedTemplate, ...],
    deployed: tuple[DeployedTable, ...],
    settings: list[EnvSetting],
    bindings: Mapping[str, str],
    functions: int,
) -> str:
    parts = []
    chain = env_chain(table)
    for env in chain:
        setting = [s for s in settings if s.env == env]
        if not setting:
            parts.append(f"env var {env}: set by none of the {functions} functions")
        for s in setting:
            parts.append(f"env var {env} of Lambda {s.function}: {s.other}")
    names = sorted(physical_names(scan, table))
    literal = sum(1 for d in deployed if isinstance(d.shape.table_name, str))
    if not deployed:
        parts.append("tables: the templates have none")
    elif names:
        has = f"{literal} of {len(deployed)} have a literal name"
        parts.append(f"TableName {', '.join(names)}: no table has it ({has})")
    stems = sorted(identity_stems(table))
    ids = sorted({i for d in deployed if d.construct_path for i in _path_ids(d.construct_path)})
    among = f" among {', '.join(ids[:5])}" + (f" and {len(ids) - 5} more" if len(ids) > 5 else "") if ids else ""
    parts.append(f"ModelName tags and construct paths for {', '.join(stems[:4])}: none{among}")
    taken = sorted(
        d.label for d in deployed if d.construct_path and any(_stem(i) in stems for i in _path_ids(d.construct_path))
    )
    skipped = f"; skipped {', '.join(taken)}: bound to other models" if taken else ""
    keys = [*table.models, *chain, *([table.name] if table.name else [])]
    configured = "none of " + ", ".join(keys[:4]) + " is in [tool.tagscan.bindings]" if bindings else "none configured"
    parts.append(f"bindings: {configured}")
    where = ", ".join(t.path for t in templates)
    return f"in {where} (tried {'; '.join(parts)}{skipped})"
