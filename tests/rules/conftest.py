"""Hand-built IR for rule unit tests: models written as Python, no Go source involved.

``field("ExpiresAt", "time.Time", "ttl", line=7)`` gives a Field with the tag parsed by the
ORM's grammar (``tagscan.scanner.ormtags``); ``model(...)`` derives keys and indexes from its
fields the way the ORM registers them; ``findings(Rule, scan)`` runs one rule.
"""

from __future__ import annotations

from collections.abc import Sequence

from tagscan.lint.rule import Finding, LintContext, Rule
from tagscan.model import (
    Component,
    Diagnostic,
    Embed,
    Field,
    GoType,
    Index,
    KeyAttribute,
    Location,
    Model,
    Naming,
    ScanResult,
    TableRef,
)
from tagscan.scanner.naming import camel_case
from tagscan.scanner.ormtags import ParsedTag, parse_tag

FILE = "models.go"
TAG_COLUMN = 20  # where hand-built tags start; field names start at column 2

GO_TYPES = {
    "string": GoType("string", "string"),
    "int": GoType("int", "int"),
    "int64": GoType("int64", "int64"),
    "uint64": GoType("uint64", "uint64"),
    "float64": GoType("float64", "float64"),
    "bool": GoType("bool", "bool"),
    "Epoch": GoType("Epoch", "int64"),  # type Epoch int64
    "time.Time": GoType("time.Time", "struct", is_time=True),
    "Stamp": GoType("Stamp", "struct"),  # type Stamp time.Time: a named copy is not time.Time
    "*time.Time": GoType("*time.Time", "ptr", "struct"),
    "*int64": GoType("*int64", "ptr", "int64"),
    "*string": GoType("*string", "ptr", "string"),
    "*bool": GoType("*bool", "ptr", "bool"),
    "[]byte": GoType("[]byte", "slice", "uint8"),
    "[]string": GoType("[]string", "slice", "string"),
    "[4]string": GoType("[4]string", "array", "string"),
    "map[string]string": GoType("map[string]string", "map"),
    "Address": GoType("Address", "struct"),
    "ext.Thing": GoType("ext.Thing", "unknown"),
}
KEY_TYPES = {"string": "S", "slice": "B"} | {k: "N" for k in ("int", "int64", "uint64", "float64")}


def field(
    name: str, expr: str = "string", tag: str | None = None, *, line: int = 1, file: str = FILE, tag_key: str = "dynamorm"
) -> Field:
    parsed = parse_tag(tag) if tag else ParsedTag()
    go_type = GO_TYPES[expr]
    implicit_time = go_type.is_time and name.lower() in ("createdat", "updatedat")
    return Field(
        name=name,
        go_type=go_type,
        location=Location(file, line, 2),
        attribute=parsed.attr if parsed.attr is not None else camel_case(name),
        raw_tag=None if tag is None else f'{tag_key}:"{tag}"',
        tag=tag,
        tag_location=None if tag is None else Location(file, line, TAG_COLUMN),
        parts=parsed.parts,
        skipped=parsed.skip,
        **{flag: getattr(parsed, flag) for flag in ("pk", "sk", "ttl", "version", "set", "omitempty", "encrypted")},
        created_at=parsed.created_at or (implicit_time and name.lower() == "createdat"),
        updated_at=parsed.updated_at or (implicit_time and name.lower() == "updatedat"),
        indexes=parsed.indexes,
    )


def key(f: Field | None) -> KeyAttribute | None:
    if f is None:
        return None
    return KeyAttribute(f.name, f.attribute, KEY_TYPES.get(f.go_type.kind, "S"), f.go_type.expr)  # type: ignore[arg-type]


def indexes_of(fields: Sequence[Field], table_pk: Field | None) -> tuple[Index, ...]:
    by_name: dict[str, Index] = {}
    for f in fields:
        for role in f.indexes:
            index = by_name.get(role.index) or Index(role.index, role.kind, None, None)
            pk = table_pk if role.kind == "LSI" else (f if role.pk else None)
            by_name[role.index] = Index(
                index.name, index.kind, key(pk) or index.partition_key, key(f) if role.sk else index.sort_key
            )
    return tuple(by_name.values())


def model(
    name: str,
    *fields: Field,
    line: int = 1,
    file: str = FILE,
    table: TableRef | None = None,
    naming: Naming = "camelCase",
    embeds: Sequence[Embed] = (),
    tag_key: str = "dynamorm",
) -> Model:
    live = [f for f in fields if not f.skipped]
    pk = next((f for f in live if f.pk), None)
    sk = next((f for f in live if f.sk), None)
    return Model(
        name=name, package="models", import_path=None, dir=".", file=file, line=line, column=6,
        tag_key=tag_key, naming=naming, naming_source="default",
        table=table or TableRef(source="default", name=name + "s", default_name=name + "s"),
        partition_key=key(pk), sort_key=key(sk), indexes=indexes_of(live, pk),
        ttl=None, version=None, created_at=None, updated_at=None, attributes=(),
        fields=tuple(fields), embeds=tuple(embeds),
    )


def env_table(env: str, line: int = 30) -> TableRef:
    return TableRef(source="env", env=env, default_name="Things", location=Location(FILE, line, 9))


def component(name: str, *fields: Field, used: bool, line: int = 1) -> Component:
    return Component(
        name=name, package="models", dir=".", file=FILE, line=line, column=6, tag_key="dynamorm",
        used=used, fields=tuple(fields),
    )


def embed(type_name: str, *, line: int, pointer: bool = False, tag: str | None = None,
          naming_tag: str | None = None) -> Embed:
    exported = type_name.rsplit(".", 1)[-1][:1].isupper()
    return Embed(
        type_name=type_name, go_type=GoType(type_name, "struct"), location=Location(FILE, line, 2),
        pointer=pointer, exported=exported, tag=tag, raw_tag=None if tag is None else f'dynamorm:"{tag}"',
        flattened=exported and not pointer, naming_tag=naming_tag,
    )


def scan(
    *models: Model, components: Sequence[Component] = (), diagnostics: Sequence[Diagnostic] = ()
) -> ScanResult:
    return ScanResult(
        root="/src", models=models, tables=(), components=tuple(components), diagnostics=tuple(diagnostics)
    )


def findings(rule: type[Rule], result: ScanResult) -> list[Finding]:
    return list(rule().check(LintContext(result)))


def lines(rule: type[Rule], result: ScanResult) -> list[int]:
    return [f.line for f in findings(rule, result)]
