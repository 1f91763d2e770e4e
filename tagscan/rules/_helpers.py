"""What several rules need: the fields the ORM parses, key roles, key types, tables."""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Callable, Iterator
from typing import ClassVar, TypeVar

from tagscan.lint.locate import struct_location
from tagscan.lint.rule import Finding, LintContext, Rule
from tagscan.model import Component, Field, GoType, IndexRole, Location, Model, ScanResult
from tagscan.releases import Rules

_R = TypeVar("_R", bound=Rule)
INVALID_TAG = "invalid struct tag"  # ErrInvalidTag
# What a model built without a release (hand-made IR) is read as: the rules tagscan has always applied.
UNRELEASED = Rules("1.0.31")


def once(check: Callable[[_R, LintContext], Iterator[Finding]]) -> Callable[[_R, LintContext], Iterator[Finding]]:
    """Drop repeated findings: fields of a base struct are seen once per model that embeds it."""

    @functools.wraps(check)
    def distinct(rule: _R, ctx: LintContext) -> Iterator[Finding]:
        seen: set[Finding] = set()
        for finding in check(rule, ctx):
            if finding not in seen:
                seen.add(finding)
                yield finding

    return distinct


class PassThroughRule(Rule):
    """A rule the scanner reports: each of its diagnostics with this id becomes a finding."""

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        for diagnostic in ctx.scan.diagnostics:
            if diagnostic.rule == self.id:
                at = Location(diagnostic.file, diagnostic.line, diagnostic.column)
                yield self.finding(at, diagnostic.message)


class EngineRule(Rule):
    """A rule the lint engine emits itself; it is registered for its id, docs and configuration."""

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        return iter(())


class FieldTypeRule(Rule):
    """A rule for `validateFieldType`: fields tagged with one of ``directives`` need an accepted type."""

    directives: ClassVar[tuple[str, ...]]
    orm_error: ClassVar[str]  # the ORM's text after "invalid struct tag: "
    fix: ClassVar[str]

    def accepts(self, go_type: GoType) -> bool | None:
        """Whether the ORM accepts the type; None when its kind is unknown (declared elsewhere)."""
        raise NotImplementedError

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        for owner, field in orm_fields(ctx.scan):
            has_directive = any(p.value is None and p.key in self.directives for p in field.parts)
            if is_tagged(field) and has_directive and self.accepts(field.go_type) is False:
                yield self.finding(
                    field.location,
                    field_error(owner, field, f"{self.orm_error} ({field.name} is {field.go_type.expr})"),
                    hint=self.fix,
                )


def rules_of(owner: Model | Component) -> Rules:
    """The rule set of the ORM release that registers the struct."""
    return Rules.of(owner.orm.rules) if owner.orm is not None else UNRELEASED


def field_error(owner: Model | Component, field: Field, problem: str) -> str:
    """The ORM's text for an invalid tag on `field`, wrapped as the struct's release wraps it:
    `field validation failed: invalid struct tag: <problem>` (with the Go name from 2.x)."""
    return rules_of(owner).field_error(field.name, f"{INVALID_TAG}: {problem}")


def tag_location(field: Field) -> Location:
    return field.tag_location or field.location


def registered_structs(scan: ScanResult) -> Iterator[Model | Component]:
    """Models, and tagged structs nothing uses (the ORM would be handed them as models)."""
    yield from scan.models
    yield from (c for c in scan.components if not c.used)


def orm_fields(scan: ScanResult) -> Iterator[tuple[Model | Component, Field]]:
    """Every field the ORM parses, once: an embedded base shared by models is yielded once."""
    seen: set[Location] = set()
    for owner in registered_structs(scan):
        for field in owner.fields:
            if field.location not in seen:
                seen.add(field.location)
                yield owner, field


def is_tagged(field: Field) -> bool:
    """The ORM validates a field's type and name only when its tag is non-empty and not "-"."""
    return bool(field.tag) and not field.skipped


def repeats(fields: tuple[Field, ...], flag: str) -> Iterator[tuple[Field, Field]]:
    """(first, later) for every non-skipped field after the first with ``flag`` set, e.g. "pk"."""
    flagged = [field for field in fields if getattr(field, flag) and not field.skipped]
    for later in flagged[1:]:
        yield flagged[0], later


def attribute_clashes(fields: tuple[Field, ...]) -> Iterator[tuple[Field, Field]]:
    """(first, later) for every non-skipped field whose attribute an earlier field already writes."""
    first_writer: dict[str, Field] = {}
    for field in fields:
        if not field.skipped:
            first = first_writer.setdefault(field.attribute, field)
            if first is not field:
                yield first, field


def rejected_clash(owner: Model | Component, first: Field, later: Field) -> bool:
    """Whether the struct's release rejects the two fields for writing one attribute (3.0.2+):
    that error comes first, before the duplicate-key checks."""
    return first.attribute == later.attribute and rules_of(owner).rejects_duplicate_attributes


def key_roles(field: Field) -> list[str]:
    """What the field is a key of, e.g. ["table pk", "index gsi-email pk"]; empty when none."""
    roles = [f"table {flag}" for flag in ("pk", "sk") if getattr(field, flag)]
    for role in field.indexes:
        # an LSI's partition key is always the table's, whatever the field says
        flags = [flag for flag in ("pk", "sk") if getattr(role, flag) and (flag == "sk" or role.kind == "GSI")]
        roles += [f"index {role.index} {flag}" for flag in flags]
    return roles


def index_members(fields: tuple[Field, ...]) -> dict[str, list[tuple[Field, IndexRole]]]:
    """Index name -> (field, role) of every non-skipped field in it, in field order."""
    members: dict[str, list[tuple[Field, IndexRole]]] = defaultdict(list)
    for field in fields:
        if not field.skipped:
            for role in field.indexes:
                members[role.index].append((field, role))
    return dict(members)


def index_clauses(field: Field) -> Iterator[tuple[str, str, list[str]]]:
    """(directive, index name, modifiers) for each `index:`/`lsi:` part of the tag."""
    for part in field.parts:
        if part.key in ("index", "lsi") and part.value is not None:
            name, *modifiers = (piece.strip() for piece in part.value.split(","))
            yield part.key, name, modifiers


def models_by_table(scan: ScanResult) -> dict[tuple, list[Model]]:
    """Models grouped by table (their whole lookup, as the scan's tables group them), each group in source order."""
    groups: dict[tuple, list[Model]] = defaultdict(list)
    for model in sorted(scan.models, key=lambda m: (m.file, m.line, m.column)):
        groups[model.table.lookup() if model.table.source != "unresolved" else ("unresolved", model.name)].append(model)
    return dict(groups)


def table_label(model: Model) -> str:
    if model.table.source == "env":
        return f"the table named by ${model.table.env}"
    if model.table.name:
        return f"table {model.table.name!r}"
    return f"the table of {model.name}"


class IndexQuotaRule(Rule):
    """At most ``limit`` indexes of ``kind`` per table, counted over every model that shares it."""

    kind: ClassVar[str]
    limit: ClassVar[int]
    fix: ClassVar[str]

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        for models in models_by_table(ctx.scan).values():
            names = sorted({i.name for m in models for i in m.indexes if i.kind == self.kind})
            if len(names) > self.limit:
                yield self.finding(
                    struct_location(models[0]),
                    f"{table_label(models[0])} has {len(names)} {self.kind}s"
                    f" (models {', '.join(m.name for m in models)}); DynamoDB allows at most {self.limit}",
                    hint=self.fix,
                )


def source_position(model: Model) -> str:
    return f"{model.file}:{model.line}"


WRITTEN_AS = {"bool": "BOOL", "map": "M", "struct": "M", "slice": "L", "array": "L"}


def unencodable_key(go_type: GoType) -> str | None:
    """What the marshaler writes for a key type DynamoDB cannot key on (S, N, B), or None."""
    pointer = go_type.kind == "ptr"
    kind = (go_type.elem_kind or "unknown") if pointer else go_type.kind
    if go_type.is_time or go_type.expr.lstrip("*") == "time.Time":
        return None  # written as an RFC3339 string
    if kind == "slice" and (pointer or go_type.elem_kind == "uint8"):
        return None  # []byte drifts (TS309); a pointer's slice element is not known
    return WRITTEN_AS.get(kind)
