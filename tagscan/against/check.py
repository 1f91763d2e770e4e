"""The findings of the TS7xx/TS8xx rules for one scan and the templates given with ``--against``.

Worked out once per lint run (``against_issues`` keeps them on the ``LintContext``) and shared by
the rules, which each pick their own id.

A problem is reported once, however many models it concerns: the models of a table are checked
one by one, and the models that show the same problem (same rule, same text) make one issue. It
sits at the place that decides it (the field of a shared embedded key struct when every model
has it from there, else the first model by file and line), names how many models it concerns and
up to three of them, and carries the other models' places as related locations. A problem only
one model has (its own index, its own key type) is that model's issue.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from tagscan.against.loader import LoadedTemplate
from tagscan.against.matching import Conflict, Match, Matching, Unset, match_tables
from tagscan.against.naming_hint import naming_hint
from tagscan.against.plan import Identity, compare
from tagscan.against.projections import projection_mismatch
from tagscan.against.tables import SYNTH_RESOURCE_TYPE, DeployedTable, Key, TableShape, deployed_tables, shape_of_models
from tagscan.lint.locate import attribute_location, field_location, index_key_location, struct_location
from tagscan.lint.rule import LintContext
from tagscan.model import Index, KeyAttribute, Location, Model, ScanResult, Table
from tagscan.rules.ts701_model_without_table import MODEL_WITHOUT_TABLE
from tagscan.rules.ts702_unused_dynamorm_table import UNUSED_DYNAMORM_TABLE
from tagscan.rules.ts703_key_mismatch import KEY_MISMATCH
from tagscan.rules.ts704_index_missing import INDEX_MISSING
from tagscan.rules.ts705_index_mismatch import INDEX_MISMATCH
from tagscan.rules.ts706_ttl_mismatch import TTL_MISMATCH
from tagscan.rules.ts707_index_projection_not_all import INDEX_PROJECTION_NOT_ALL
from tagscan.rules.ts708_unused_table import UNUSED_TABLE
from tagscan.rules.ts709_env_var_bound_to_several_tables import ENV_VAR_BOUND_TO_SEVERAL_TABLES
from tagscan.rules.ts710_env_var_set_by_no_function import ENV_VAR_SET_BY_NO_FUNCTION
from tagscan.rules.ts711_index_projection_mismatch import INDEX_PROJECTION_MISMATCH
from tagscan.rules.ts801_too_many_gsi_changes import TOO_MANY_GSI_CHANGES
from tagscan.table_shape import TableShapeError

_ARTICLED = {"GSI": "a GSI", "LSI": "an LSI"}


@dataclass(frozen=True)
class Issue:
    rule: str
    at: Location
    message: str
    hint: str | None = None
    models: tuple[str, ...] = ()  # every model concerned, sorted
    related: tuple[tuple[Location, str], ...] = ()  # the other models' places, and what is there


@dataclass(frozen=True)
class _Problem:
    """What one model shows: models showing equal (rule, text, hint) share one issue."""

    rule: str
    text: str
    at: Location
    hint: str | None = None


def against_issues(ctx: LintContext) -> tuple[Issue, ...]:
    """Every TS7xx/TS8xx issue of the context's scan and templates, worked out once per context."""
    templates = tuple(t for t in ctx.against if isinstance(t, LoadedTemplate))
    return ctx.computed(
        "against", lambda: issues(ctx.scan, templates, dict(ctx.bindings), bindings_origin=ctx.bindings_origin)
    )


def issues(
    scan: ScanResult,
    templates: tuple[LoadedTemplate, ...],
    bindings: Mapping[str, str] | None = None,
    *,
    bindings_origin: str = "[tool.tagscan.bindings]",
) -> tuple[Issue, ...]:
    """The issues of the scan's tables against the templates: per bound table the models' own and
    the deploy's (TS8xx), then the bindings' (TS709, TS710) and the tables no model matches."""
    deployed = deployed_tables(templates)
    matching = match_tables(scan, templates, deployed, bindings, bindings_origin)
    found: list[Issue] = []
    for table in sorted(scan.tables, key=lambda t: t.key):
        models = list(scan.models_of(table))
        if not models:
            continue
        table_matches = matching.of(table)
        if not table_matches:
            found.append(_without_table(table, models, matching))
        ours = _shape_to_deploy(table)
        for match in table_matches:
            found += _model_issues(match, models)
            if ours is not None:
                found += _plan_issues(match, ours, models)
    found += [_conflict(c, list(scan.models_of(c.table))) for c in matching.conflicts]
    found += [_unset(u, list(scan.models_of(u.table)), matching.of(u.table)) for u in matching.unset]
    matched = {(m.deployed.template, m.deployed.logical_id) for m in matching.matches}
    found += [_unused(d, scan.root) for d in deployed if (d.template, d.logical_id) not in matched]
    return tuple(found)


# --- grouping ---------------------------------------------------------------------------------


def concerns(names: Iterable[str]) -> str:
    """`model Order`, `models Order, Refund`, `58 models: Account, APIKey, Appointment and 55 more`."""
    names = sorted(set(names))
    if len(names) == 1:
        return f"model {names[0]}"
    if len(names) <= 3:
        return f"models {', '.join(names)}"
    return f"{len(names)} models: {', '.join(names[:3])} and {len(names) - 3} more"


def _deciding_place(places: list[tuple[Model, Location]]) -> tuple[Location, tuple[tuple[Location, str], ...]]:
    """Where an issue of several models sits, and the related places of the others (see the module docstring)."""
    ordered = sorted(places, key=lambda p: (p[0].file, p[0].line, p[0].column, p[0].name))
    shared = len({at for _, at in ordered}) == 1
    at = ordered[0][1]
    others = ordered if shared and len(ordered) > 1 else ordered[1:]
    # A model whose place is the shared one is related by its struct.
    related = {(place if place != at else struct_location(m), f"model {m.name}"): None for m, place in others}
    return at, tuple(related)


def _issue(
    rule: str, text: str, places: list[tuple[Model, Location]], hint: str | None = None, suffix: str | None = None
) -> Issue:
    """One issue of the models at ``places``: ``text (suffix; whom it concerns)``."""
    at, related = _deciding_place(places)
    models = [m for m, _ in places]
    whom = concerns(m.name for m in models)
    message = f"{text} ({suffix}; {whom})" if suffix else f"{text} ({whom})"
    return Issue(rule, at, message, hint, tuple(sorted({m.name for m in models})), related)


def _grouped(problems: list[tuple[Model, _Problem]], suffix: str) -> list[Issue]:
    """One issue per distinct problem, in the order the problems first appear."""
    groups: dict[tuple[str, str, str | None], list[tuple[Model, Location]]] = {}
    for model, p in problems:
        groups.setdefault((p.rule, p.text, p.hint), []).append((model, p.at))
    return [_issue(rule, text, places, hint, suffix) for (rule, text, hint), places in groups.items()]


# --- the models against a matched table -------------------------------------------------------


def _model_issues(match: Match, models: list[Model]) -> list[Issue]:
    d = match.deployed
    problems: list[tuple[Model, _Problem]] = []
    for model in models:
        problems += [(model, p) for p in _key_problems(model, d)]
        problems += [(model, p) for index in model.indexes for p in _index_problems(model, index, d)]
        if model.ttl:
            problems += [(model, p) for p in _ttl_problems(model, d)]
    writers = {a.name for m in models for a in m.attributes}
    if d.shape.ttl and not any(m.ttl for m in models) and d.shape.ttl not in writers:
        text = f"the table's TTL attribute `{d.shape.ttl}` is written by no model of the table"
        problems += [(m, _Problem(TTL_MISMATCH, text, struct_location(m))) for m in models]
    return _grouped(problems, f"table {d.describe()}, matched by {match.how}")


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


def _key_problems(model: Model, d: DeployedTable) -> list[_Problem]:
    found = []
    for role, key, theirs in (
        ("partition key", model.partition_key, d.shape.partition_key),
        ("sort key", model.sort_key, d.shape.sort_key),
    ):
        ours = _model_key(key)
        if (key is None and role == "partition key") or not _differs(ours, theirs):
            continue
        at = field_location(model, key.field) if key else struct_location(model)
        text = f"{role}: the ORM writes {_key_text(ours)}; the table declares {_key_text(theirs)}"
        found.append(_Problem(KEY_MISMATCH, text, at, _hint(ours, theirs)))
    return found


def _index_problems(model: Model, index: Index, d: DeployedTable) -> list[_Problem]:
    at = index_key_location([model], index.name)
    theirs = d.shape.index(index.name)
    if theirs is None:
        text = f"{index.kind} `{index.name}` is not on the table: queries through it fail"
        return [_Problem(INDEX_MISSING, text, at)]
    if theirs.kind != index.kind:
        text = f"`{index.name}` is {_ARTICLED[index.kind]} in the model and {_ARTICLED[theirs.kind]} on the table"
        return [_Problem(INDEX_MISMATCH, text, at)]
    ours_pk = _model_key(model.partition_key if index.kind == "LSI" else index.partition_key)
    ours, table = (ours_pk, _model_key(index.sort_key)), (theirs.partition_key, theirs.sort_key)
    if any(_differs(a, b) for a, b in zip(ours, table, strict=True)):
        text = (
            f"{index.kind} `{index.name}`: the model's keys are {_index_keys(*ours)}; "
            f"the table's are {_index_keys(*table)}"
        )
        return [_Problem(INDEX_MISMATCH, text, at, _hint(ours[0], table[0]) or _hint(ours[1], table[1]))]
    mismatch = projection_mismatch(index, theirs)
    if mismatch is not None:
        hint = "projections cannot change in place: create the index under a new name with the model's projection"
        return [_Problem(INDEX_PROJECTION_MISMATCH, f"{index.kind} `{index.name}` {mismatch}", at, hint)]
    if theirs.projection not in (None, "ALL") and index.projection == "ALL":
        text = (
            f"{index.kind} `{index.name}` projects {theirs.projection}, but the ORM reads whole items through it: "
            "attributes outside the projection come back empty"
        )
        return [_Problem(INDEX_PROJECTION_NOT_ALL, text, at)]
    return []


def _index_keys(pk: tuple[Key, ...], sk: tuple[Key, ...]) -> str:
    return _key_text(pk) + (f", sort {_key_text(sk)}" if sk else "")


def _ttl_problems(model: Model, d: DeployedTable) -> list[_Problem]:
    assert model.ttl is not None
    ours, theirs = model.ttl.attribute, d.shape.ttl
    at = field_location(model, model.ttl.field)
    if theirs is None:
        return [_Problem(TTL_MISMATCH, f"TTL: the model expires items by `{ours}`; the table has no TTL enabled", at)]
    if theirs != ours:
        text = f"TTL: the model writes `{ours}`; the table's TTL attribute is `{theirs}`, so items never expire"
        return [_Problem(TTL_MISMATCH, text, at, naming_hint(ours, theirs))]
    return []


# --- deploying the models' table over the matched one (TS8xx) ---------------------------------


def _shape_to_deploy(table: Table) -> TableShape | None:
    """The models' table as synth builds it; None where synth refuses it (TS201, TS204, TS403,
    TS503, which lint reports): there is no table to deploy, so no update to check."""
    try:
        return shape_of_models(table)
    except TableShapeError:
        return None


def _plan_issues(match: Match, ours: TableShape, models: list[Model]) -> list[Issue]:
    d = match.deployed
    changes = compare(
        d.shape,
        ours,
        Identity(d.resource_type, d.logical_id),
        Identity(SYNTH_RESOURCE_TYPE),
    )
    prefix = f"deploying these models' table over {d.describe()} (matched by {match.how})"
    found = []
    for c in changes.changes:
        if not c.rule:
            continue
        locate = _change_locator(c.index, c.attribute, c.subject)
        places = [(m, at) for m in models if (at := locate(m)) is not None] or [(m, struct_location(m)) for m in models]
        stages = "; ".join(changes.stages) if c.rule == TOO_MANY_GSI_CHANGES else None
        found.append(_issue(c.rule, f"{prefix}: {c.describe()}: {c.message}", places, stages))
    return found


def _change_locator(index: str | None, attribute: str | None, subject: str) -> Callable[[Model], Location | None]:
    """Where a change shows in one model: the index's key field, the attribute's field, the
    TableName method; None when the model has no part in it."""

    def locate(model: Model) -> Location | None:
        if index:
            return index_key_location([model], index) if any(i.name == index for i in model.indexes) else None
        if attribute:
            has = any(f.attribute == attribute and not f.skipped for f in model.fields)
            return attribute_location([model], attribute) if has else None
        if subject == "TableName":
            return model.table.location or struct_location(model)
        return struct_location(model)

    return locate


# --- bindings ---------------------------------------------------------------------------------


def _table_places(models: list[Model]) -> list[tuple[Model, Location]]:
    """Each model's `TableName` return expression (shared when promoted from an embedded struct)."""
    return [(m, m.table.location or struct_location(m)) for m in models]


def _without_table(table: Table, models: list[Model], matching: Matching) -> Issue:
    text = f"the models' table matches no DynamoDB table {matching.tried[table.key]}"
    return _issue(MODEL_WITHOUT_TABLE, text, _table_places(models))


def _conflict(conflict: Conflict, models: list[Model]) -> Issue:
    env = sorted({s.env for s in conflict.settings})
    by_table: dict[str, list[str]] = {}
    for s in conflict.settings:
        for target in s.targets:
            by_table.setdefault(target, []).append(s.function)
    # Every function is named: the odd one out is the point.
    pointing = "; ".join(
        f"{label} by Lambda{'s' * (len(fs) > 1)} {', '.join(sorted(fs))}"
        for label, fs in sorted(by_table.items(), key=lambda item: (-len(item[1]), item[0]))
    )
    text = (
        f"the functions of {conflict.template} point {', '.join(env)} at {len(by_table)} different places: "
        f"{pointing}; the models are checked against each"
    )
    return _issue(ENV_VAR_BOUND_TO_SEVERAL_TABLES, text, _table_places(models))


def _unset(unset: Unset, models: list[Model], matches: list[Match]) -> Issue:
    defaults = sorted({m.table.default_name for m in models if m.table.default_name})
    fallback = models[0].table.name if models and models[0].table.name else None
    falls_to = (
        f"the fallback name {fallback}"
        if fallback
        else f"each model's pluralised name ({', '.join(defaults[:3])}, ...)"
    )
    matched = "; ".join(f"{m.deployed.label} matched by {m.how}" for m in matches)
    text = (
        f"the models read their table name from {', '.join(unset.envs)}, which none of the {unset.functions} "
        f"functions of the templates sets: at run time the ORM uses {falls_to} ({matched})"
    )
    return _issue(ENV_VAR_SET_BY_NO_FUNCTION, text, _table_places(models))


def _unused(d: DeployedTable, root: str) -> Issue:
    # Finding files are relative to the scan root, like the Go files'.
    template = Path(os.path.relpath(Path(d.template).resolve(), root)).as_posix()
    at = Location(template, d.line, d.column)
    if d.is_dynamorm:
        return Issue(UNUSED_DYNAMORM_TABLE, at, f"DynamORM table {d.label} is used by no scanned model")
    return Issue(UNUSED_TABLE, at, f"table {d.label} is matched by no scanned model")
