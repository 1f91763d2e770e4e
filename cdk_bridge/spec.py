"""From the scan's tables to what the generated stack builds: plain data, no ``aws_cdk``.

``table_specs(scan, options)`` gives one ``TableSpec`` per table of the scan, sorted by construct
id, with keys, indexes and TTL as the ORM writes them and the stack/table settings resolved.
``SynthOptions.from_mapping`` validates options coming from the CLI, ``[tool.tagscan.synth]``
or the CDK context. The naming rules are documented in ``docs/synth.md``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from tagscan.errors import ConfigError, InputError
from tagscan.model import JsonRecord, ScanResult, Table
from tagscan.table_shape import SETTING_CHOICES, TableShape, TableShapeError, env_var_stem, table_shape

DEFAULT_STACK_NAME = "DynamORMModels"

FLAGS = ("deletion_protection", "point_in_time_recovery")
ALIASES = {"pitr": "point_in_time_recovery"}
_NAME_WORDS = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+")


@dataclass(frozen=True)
class TableSettings(JsonRecord):
    """Settings applied to every table, each overridable per table.

    ``None`` leaves the ``DynamORMTable`` default; deletion protection is on for generated stacks.
    """

    billing_mode: str | None = None
    stream_view_type: str | None = None
    removal_policy: str | None = None
    deletion_protection: bool | None = True
    point_in_time_recovery: bool | None = None
    tags: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class SynthOptions(JsonRecord):
    stack_name: str = DEFAULT_STACK_NAME
    account: str | None = None
    region: str | None = None
    settings: TableSettings = TableSettings()
    # (env var or table name, the settings it sets), sorted: only what the override names changes.
    table_overrides: tuple[tuple[str, tuple[tuple[str, Any], ...]], ...] = ()

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any], where: str = "synth options") -> SynthOptions:
        """Options from a config table: ``stack-name``, ``account``, ``region``, the table
        settings, ``tags`` (a table of strings) and ``tables`` (env var or name → settings).
        Keys may use ``-`` or ``_``; choices are case-insensitive."""
        data = _normalise_keys(data)
        unknown = sorted(set(data) - {"stack_name", "account", "region", "tables", *_SETTING_KEYS})
        if unknown:
            raise ConfigError(f"{where}: unknown option(s) {', '.join(unknown)}")
        settings = replace(TableSettings(), **_parse_settings(data, where))
        tables = data.get("tables", {})
        if not isinstance(tables, Mapping):
            raise ConfigError(f"{where}: `tables` must be a table of env var or table name → settings")
        overrides = []
        for key in sorted(tables):
            values = tables[key]
            if not isinstance(values, Mapping):
                raise ConfigError(f"{where}: tables.{key} must be a table of settings")
            values = _normalise_keys(values)
            bad = sorted(set(values) - set(_SETTING_KEYS))
            if bad:
                raise ConfigError(f"{where}: tables.{key}: unknown setting(s) {', '.join(bad)}")
            parsed = _parse_settings(values, f"{where}: tables.{key}")
            overrides.append((str(key), tuple(sorted(parsed.items()))))
        return cls(
            stack_name=_text(data, "stack_name", where) or DEFAULT_STACK_NAME,
            account=_text(data, "account", where),
            region=_text(data, "region", where),
            settings=settings,
            table_overrides=tuple(overrides),
        )

    def stack_kwargs(self) -> dict[str, Any]:
        """The settings as ``DynamORMModelsStack`` keyword arguments (tags as plain dicts)."""
        settings = {name: getattr(self.settings, name) for name in (*SETTING_CHOICES, *FLAGS)}
        overrides = {key: {n: dict(v) if n == "tags" else v for n, v in values} for key, values in self.table_overrides}
        return settings | {"table_tags": dict(self.settings.tags), "table_overrides": overrides}

    def settings_for(self, table: Table) -> TableSettings:
        """The stack settings with the table's override (by env var or name) applied on top."""
        for key, override in self.table_overrides:
            if key in (table.key, table.env, table.name):
                values = dict(override)
                tags = dict(self.settings.tags) | dict(values.pop("tags", ()))
                return replace(self.settings, **values, tags=tuple(sorted(tags.items())))
        return self.settings


@dataclass(frozen=True)
class TableSpec(JsonRecord):
    key: str  # the scan's Table.key: env var, else name
    construct_id: str
    model_name: str  # DynamORMTable's model_name: physical-name stem and ModelName tag
    models: tuple[str, ...]
    env: str | None
    table_name: str | None  # set for literal/default names; None: `{model_name}-{account}-{region}`
    shape: TableShape  # keys, indexes (by name), TTL and attribute definitions
    settings: TableSettings = TableSettings()

    @property
    def output_id(self) -> str:
        # CfnOutput ids must be alphanumeric; construct ids are, and always end in "Table<n>".
        return f"{self.construct_id}Name"


def table_specs(scan: ScanResult, options: SynthOptions = SynthOptions()) -> tuple[TableSpec, ...]:
    """One spec per table, sorted by construct id. Raises ``InputError`` for a table the ORM
    could not create (unresolved name, no partition key, one attribute with two key types)."""
    tables = sorted(scan.tables, key=lambda t: t.key)
    _check_overrides(tables, options)
    ids = unique_ids([(t.key, construct_id(t)) for t in tables])
    specs = [_table_spec(t, ids[t.key], options.settings_for(t)) for t in tables]
    return tuple(sorted(specs, key=lambda s: s.construct_id))


def construct_id(table: Table) -> str:
    """A readable id: from the env var (word boundaries recovered from the model names), else
    from the literal/default name; always ends in ``Table``."""
    if table.env:
        stem = env_var_stem(table.env)
        vocabulary = {w.lower(): w for m in table.models for w in _NAME_WORDS.findall(m)}
        vocabulary.setdefault("table", "Table")
        words = [_segment(chunk, vocabulary) for chunk in stem.split("_") if chunk]
    else:
        words = [w[0].upper() + w[1:] for w in re.split(r"[^A-Za-z0-9]+", table.name or table.key) if w]
    pascal = "".join(words)
    return pascal if pascal.endswith("Table") else f"{pascal}Table"


def unique_ids(candidates: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Map each key to its id; ids derived twice are numbered in key order (``OrdersTable2``)."""
    result: dict[str, str] = {}
    taken: set[str] = set()
    for key, wanted in sorted(candidates):
        chosen, n = wanted, 1
        while chosen in taken:
            n += 1
            chosen = f"{wanted}{n}"
        taken.add(chosen)
        result[key] = chosen
    return result


def _segment(chunk: str, vocabulary: Mapping[str, str]) -> str:
    """``RATELIMITTABLE`` → ``RateLimitTable`` when the words are known, else ``Ratelimittable``."""
    lowered = chunk.lower()

    @lru_cache(maxsize=None)
    def split(start: int) -> tuple[str, ...] | None:
        if start == len(lowered):
            return ()
        # Longest word first, so the fewest words win.
        for end in range(len(lowered), start, -1):
            word = vocabulary.get(lowered[start:end])
            rest = split(end) if word else None
            if word and rest is not None:
                return (word, *rest)
        return None

    words = split(0)
    return "".join(words) if words else chunk[0].upper() + chunk[1:].lower()


def _table_spec(table: Table, ident: str, settings: TableSettings) -> TableSpec:
    where = f"table {table.key} (models {', '.join(table.models)})"
    if table.source == "unresolved":
        raise InputError(f"{where}: the table name cannot be resolved statically; synth does not guess it (TS601)")
    if table.source == "pattern":
        raise InputError(f"{where}: the table name {table.pattern} is formatted at run time; synth does not guess it")
    try:
        shape = table_shape(table)
    except TableShapeError as exc:
        raise InputError(f"{where}: {exc}") from None
    # The id without its "Table" word: RateLimitTable → RateLimit, the seed's modelName; unique like the id.
    stem = re.sub(r"Table(\d*)$", r"\1", ident) or ident
    return TableSpec(
        key=table.key,
        construct_id=ident,
        model_name=stem,
        models=table.models,
        env=table.env,
        table_name=None if table.source == "env" else table.name,
        shape=shape,
        settings=settings,
    )


def _check_overrides(tables: list[Table], options: SynthOptions) -> None:
    known = {k for t in tables for k in (t.key, t.env, t.name) if k}
    unknown = [key for key, _ in options.table_overrides if key not in known]
    if unknown:
        raise ConfigError(
            f"table override(s) for {', '.join(unknown)}: no such table; known: {', '.join(sorted(known)) or 'none'}"
        )


# -- option parsing ---------------------------------------------------------------------------

_SETTING_KEYS = (*SETTING_CHOICES, *FLAGS, "tags")


def _normalise_keys(data: Mapping[str, Any]) -> dict[str, Any]:
    result = {}
    for key, value in data.items():
        name = str(key).replace("-", "_").lower()
        result[ALIASES.get(name, name)] = value
    return result


def _parse_settings(data: Mapping[str, Any], where: str) -> dict[str, Any]:
    """The settings ``data`` sets, validated and normalised; absent ones are left out."""
    values: dict[str, Any] = {}
    for name, choices in SETTING_CHOICES.items():
        if data.get(name) is not None:
            values[name] = _choice(data[name], choices, f"{where}: {name.replace('_', '-')}")
    for name in FLAGS:
        if data.get(name) is not None:
            if not isinstance(data[name], bool):
                raise ConfigError(f"{where}: {name.replace('_', '-')} must be true or false, got {data[name]!r}")
            values[name] = data[name]
    if data.get("tags") is not None:
        values["tags"] = _tags(data["tags"], where)
    return values


def _choice(value: Any, choices: tuple[str, ...], where: str) -> str:
    normalised = str(value).replace("-", "_").upper()
    if normalised not in choices:
        raise ConfigError(f"{where}: {value!r} is not one of {', '.join(choices)}")
    return normalised


def _tags(value: Any, where: str) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, Mapping) or not all(isinstance(v, str) for v in value.values()):
        raise ConfigError(f"{where}: tags must be a table of strings (key = \"value\")")
    return tuple(sorted((str(k), v) for k, v in value.items()))


def _text(data: Mapping[str, Any], name: str, where: str) -> str | None:
    value = data.get(name)
    if value is not None and (not isinstance(value, str) or not value):
        raise ConfigError(f"{where}: {name.replace('_', '-')} must be a non-empty string")
    return value

