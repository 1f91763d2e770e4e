"""The model IR: what the ORM would register for each Go struct, as plain frozen data.

Everything downstream (lint rules, reports, ``cdk_bridge``) reads these classes and
nothing else; they hold no tree-sitter nodes and import nothing from the project, so
rules and synthesis can be tested on models built by hand. ``to_dict()`` gives the JSON
contract of ``tagscan scan --format json`` (``schema_version`` = ``SCHEMA_VERSION``).

Positions are 1-based; columns count characters, not bytes. Paths are relative to the
scan root and ``/``-separated.
"""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass, field
from typing import Any, Literal, Self, get_args

SCHEMA_VERSION = 2

Severity = Literal["error", "warning", "info"]
KeyType = Literal["S", "N", "B"]
IndexKind = Literal["GSI", "LSI"]
TableSource = Literal["env", "literal", "default", "pattern", "unresolved"]
Naming = Literal["camelCase", "snake_case", "verbatim", "pascalCase", "dynamorm"]
NAMING_CONVENTIONS: tuple[str, ...] = get_args(Naming)
TAG_KEYS = ("dynamorm", "theorydb")  # the struct tag keys the ORM reads
Projection = Literal["ALL", "KEYS_ONLY", "INCLUDE"]
# GoType kinds by what the ORM and the marshaler make of them.
INTEGER_KINDS = frozenset(
    {"int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32", "uint64", "uintptr"}
)
FLOAT_KINDS = frozenset({"float32", "float64"})
NUMBER_KINDS = INTEGER_KINDS | FLOAT_KINDS  # written as N


# Most values are scalars: they are answered first, by exact type (a scan's JSON has millions).
_SCALARS = frozenset({str, int, float, bool, type(None)})


_FIELD_NAMES: dict[type, tuple[str, ...] | None] = {}


def _field_names(cls: type) -> tuple[str, ...] | None:
    """The dataclass fields of `cls` in declaration order, None when it is no dataclass (once per class)."""
    if cls not in _FIELD_NAMES:
        _FIELD_NAMES[cls] = tuple(f.name for f in dataclasses.fields(cls)) if dataclasses.is_dataclass(cls) else None
    return _FIELD_NAMES[cls]


def _plain(value: Any) -> Any:
    cls = type(value)
    if cls in _SCALARS:
        return value
    names = _field_names(cls)
    if names is not None:
        return {name: _plain(getattr(value, name)) for name in names}
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


class JsonRecord:
    """Mixin of the IR's frozen dataclasses and the records built from them: ``to_dict()`` gives
    their JSON form (nested records, tuples as lists)."""

    def to_dict(self) -> dict[str, Any]:
        return _plain(self)

    @classmethod
    def from_all_fields(cls, **values: Any) -> Self:
        """The record, given a value for every one of its fields (no defaults, nothing checked), set
        at once. The generated ``__init__`` of a frozen dataclass sets each field through
        ``object.__setattr__``, one call per field, a large part of a large scan's build (figures in
        docs/performance.md). The record is as frozen and compares, hashes and converts as one made by ``__init__``."""
        record = object.__new__(cls)
        object.__setattr__(record, "__dict__", values)
        return record


@dataclass(frozen=True)
class Location(JsonRecord):
    file: str
    line: int
    column: int


@dataclass(frozen=True)
class GoType(JsonRecord):
    """A Go type expression and what it resolves to.

    ``kind`` is the reflect.Kind of the type after following named types to their
    underlying type (``type Status string`` has kind ``string``): one of ``bool``,
    ``int``, ``int8``..``int64``, ``uint``, ``uint8``..``uint64``, ``uintptr``,
    ``float32``, ``float64``, ``complex64``, ``complex128``, ``string``, ``slice``,
    ``array``, ``map``, ``struct``, ``ptr``, ``interface``, ``chan``, ``func``, or
    ``unknown`` when the type is declared outside the scanned tree.
    ``elem_kind`` is the kind of the element for ``ptr``, ``slice`` and ``array``.
    ``is_time`` is true only for ``time.Time`` itself (not a pointer, not a named copy).
    """

    expr: str
    kind: str
    elem_kind: str | None = None
    is_time: bool = False


@dataclass(frozen=True)
class TagPart(JsonRecord):
    """One part of the ORM tag after ``splitTags`` (``index:g,pk`` stays one part)."""

    text: str
    key: str  # the directive: "pk", "ttl", "index", "attr", ...
    value: str | None  # None for a simple directive; the trimmed value for key:value


@dataclass(frozen=True)
class IndexRole(JsonRecord):
    """The role a field plays in one index, as ``parseIndexTag``/``parseLSITag`` set it."""

    index: str
    kind: IndexKind
    pk: bool
    sk: bool
    sparse: bool = False
    lsi_by_prefix: bool = False  # `index:lsi-x` made an LSI by the legacy name prefix


@dataclass(frozen=True)
class Field(JsonRecord):
    """A field the ORM sees: top level or flattened from a value embed, in ORM order."""

    name: str  # Go field name
    go_type: GoType
    location: Location  # the field's name (or type, for an embed)
    attribute: str  # the DynamoDB attribute name the ORM writes
    raw_tag: str | None = None  # the whole struct tag, unquoted
    tag: str | None = None  # reflect.StructTag.Lookup(tag_key); None when absent
    tag_location: Location | None = None
    parts: tuple[TagPart, ...] = ()
    embedded_path: tuple[str, ...] = ()  # Go names of the embeds it was flattened through
    skipped: bool = False  # tag is exactly "-": the ORM ignores the field
    pk: bool = False
    sk: bool = False
    ttl: bool = False
    version: bool = False
    created_at: bool = False  # explicit tag or the implicit CreatedAt rule
    updated_at: bool = False
    set: bool = False
    omitempty: bool = False
    encrypted: bool = False
    binary: bool = False
    json: bool = False
    indexes: tuple[IndexRole, ...] = ()
    dynamodb_type: str = "S"  # what the marshaler writes: S N B BOOL L M SS NS BS NULL


@dataclass(frozen=True)
class Embed(JsonRecord):
    """An embedded (anonymous) field and what the ORM does with it."""

    type_name: str  # the Go type as written, without `*`
    go_type: GoType
    location: Location
    pointer: bool
    exported: bool
    raw_tag: str | None = None
    tag: str | None = None
    flattened: bool = False  # value embed of an exported struct type found in the tree
    resolved: bool = True  # False when the embedded type is outside the scanned tree
    naming_tag: str | None = None  # a `naming:` directive inside the embed (ignored by the ORM)
    embedded_path: tuple[str, ...] = ()


@dataclass(frozen=True)
class KeyAttribute(JsonRecord):
    field: str  # Go field name
    attribute: str
    type: KeyType  # what the ORM's CreateTable declares
    go_type: str  # the Go type expression


def key_phrase(key: KeyAttribute | None) -> str:
    """``emailHash (S)``, or ``none``: a key as messages and overviews name it."""
    return f"{key.attribute} ({key.type})" if key else "none"


@dataclass(frozen=True)
class Index(JsonRecord):
    name: str
    kind: IndexKind
    partition_key: KeyAttribute | None
    sort_key: KeyAttribute | None
    projection: str = "ALL"  # ALL, KEYS_ONLY or INCLUDE: TableTheoryIndexProjections() (2.x+), else ALL
    non_key_attributes: tuple[str, ...] = ()  # INCLUDE's attributes, sorted


@dataclass(frozen=True)
class FieldRef(JsonRecord):
    field: str
    attribute: str


@dataclass(frozen=True)
class Attribute(JsonRecord):
    name: str  # attribute name
    field: str  # Go field name
    go_type: str
    type: str  # DynamoDB type the marshaler writes (see Field.dynamodb_type)


@dataclass(frozen=True)
class WritePolicy(JsonRecord):
    """What a model's ``WritePolicy()`` method returns, read from its composite literal."""

    mode: str | None  # None when the literal sets no Mode (the ORM's default: mutable)
    protected_attributes: tuple[str, ...]
    location: Location
    resolved: bool = True  # False: the body is no literal tagscan can read


@dataclass(frozen=True)
class TableRef(JsonRecord):
    """Where a model's table name comes from (the ORM's ``resolveTableName``).

    ``source``:
    - ``env``: env vars read in turn, the first set and non-empty one names the table
      (``envs``, in lookup order; ``env`` is the first). When none is set the name is ``name``
      (a literal fallback), else ``pattern`` (a formatted fallback), else the ORM's
      ``default_name``.
    - ``literal``: ``name``.
    - ``default``: no ``TableName`` method, or one returning "": ``name`` is the pluralised type name.
    - ``pattern``: a name formatted from env vars and literals, as ``pattern`` shows it in shell
      syntax (``${STAGE}-users``, ``${STAGE:-dev}-users`` with a fallback); ``envs`` lists the env
      vars it reads, none of which is the table name by itself (``env`` is None).
    - ``unresolved``: ``expr`` is the source expression.
    ``unfollowed``: the part of the lookup that could not be followed (the whole of it when
    ``source`` is ``unresolved``; a chain's fallback when ``source`` is ``env``).
    ``default_name`` is the pluralised name the ORM uses when the method returns "".
    """

    source: TableSource
    env: str | None = None
    name: str | None = None
    expr: str | None = None
    default_name: str | None = None
    location: Location | None = None  # the return expression, when there is a method
    envs: tuple[str, ...] = ()
    pattern: str | None = None
    unfollowed: str | None = None

    def lookup(self) -> tuple[str, tuple[str, ...], str | None, str | None]:
        """What decides the table: the env chain and its fallback, or the literal/default name or pattern."""
        return self.source, self.envs, self.name, self.pattern


@dataclass(frozen=True)
class OrmRelease(JsonRecord):
    """The ORM release that registers a model, and the rule set (``tagscan.releases``) it is read by.

    ``source``: ``go.mod`` (a require), ``replace`` (a replace to a version), ``orm-module`` (the
    go.mod is the ORM's own: its newest release), ``flag`` (``--orm-version``), ``assumed`` (no
    ORM requirement, a local-path replace or no go.mod: the newest rules).
    """

    module: str | None  # e.g. github.com/theory-cloud/tabletheory/v3
    version: str | None  # e.g. v3.0.6
    rules: str  # the first release the rule set applies to, e.g. "3.0.2"
    source: str


@dataclass(frozen=True)
class Model(JsonRecord):
    name: str
    package: str  # Go package name
    import_path: str | None  # module path + dir, when go.mod is found
    dir: str
    file: str
    line: int
    column: int
    tag_key: str  # "dynamorm" or "theorydb"
    naming: Naming
    naming_source: str  # "flag", "tag", "go.mod", "default"
    table: TableRef
    partition_key: KeyAttribute | None
    sort_key: KeyAttribute | None
    indexes: tuple[Index, ...]
    ttl: FieldRef | None
    version: FieldRef | None
    created_at: FieldRef | None
    updated_at: FieldRef | None
    attributes: tuple[Attribute, ...]
    fields: tuple[Field, ...] = ()
    embeds: tuple[Embed, ...] = ()
    type_params: tuple[str, ...] = ()
    has_table_name_method: bool = False
    orm_version: str | None = None  # version required in go.mod
    orm: OrmRelease | None = None  # None only in hand-built IR: read as the 1.0.31 rules
    write_policy: WritePolicy | None = None  # WritePolicy() (1.7+)
    end_line: int = 0  # last line of the struct's type declaration (0: unknown)
    # the first call that hands the type to the ORM (Model, CreateTable, EnsureTable, AutoMigrate, Register)
    registered_at: Location | None = None

    def table_key(self) -> str:
        """The ``Table.key`` of the model's table: its env vars (``A,B`` for a chain), else its name,
        else its pattern, else ``unresolved:<Model>``. The scan's ``Table.key`` adds ``|<fallback>``
        when two tables read the same env vars with different fallbacks."""
        ref = self.table
        if ref.source == "env" and ref.envs:
            return ",".join(ref.envs)
        if ref.source in ("literal", "default") and ref.name:
            return ref.name
        if ref.source == "pattern" and ref.pattern:
            return ref.pattern
        return f"unresolved:{self.name}"


@dataclass(frozen=True)
class Component(JsonRecord):
    """A struct with ORM tags that is not a model: another struct embeds it by value (a building
    block whose fields it inherits) and it has no ``TableName`` of its own, or it has neither a
    table pk nor a ``TableName`` method. The scan's TS007 note says which.

    ``used`` is true when another struct embeds it or uses it as a field type; otherwise it can
    only be meant as a model, which the ORM would reject.
    """

    name: str
    package: str
    dir: str
    file: str
    line: int
    column: int
    tag_key: str
    used: bool
    fields: tuple[Field, ...] = ()
    orm: OrmRelease | None = None
    end_line: int = 0  # last line of the struct's type declaration (0: unknown)


@dataclass(frozen=True)
class Table(JsonRecord):
    """The models that share one table: the same lookup (env chain and fallback, literal or
    default name, or pattern; see ``TableRef``)."""

    key: str  # see Model.table_key
    source: TableSource
    env: str | None
    name: str | None
    models: tuple[str, ...]  # model names, sorted
    partition_key: KeyAttribute | None
    sort_key: KeyAttribute | None
    indexes: tuple[Index, ...]  # union over the models, sorted by name
    ttl: FieldRef | None
    envs: tuple[str, ...] = ()  # as TableRef.envs
    pattern: str | None = None  # as TableRef.pattern


@dataclass(frozen=True)
class Diagnostic(JsonRecord):
    """A problem found while reading the source (not a lint rule's finding)."""

    rule: str
    severity: Severity
    file: str
    line: int
    column: int
    message: str


@dataclass(frozen=True)
class Suppression(JsonRecord):
    """A ``//tagscan:ignore ID[,ID] reason`` comment."""

    file: str
    line: int
    column: int
    rules: tuple[str, ...]
    reason: str
    struct: str | None = None  # set when the comment is on a struct's `type` line


@dataclass(frozen=True)
class Registration(JsonRecord):
    """A call that hands a type to the ORM: ``Model``, ``CreateTable``, ``EnsureTable``,
    ``AutoMigrate`` or ``Register`` with ``&T{}``, ``T{}``, ``new(T)``, or a variable, parameter
    or field of type ``T``/``*T``. Only types declared in the scanned tree are recorded."""

    call: str  # the method called: "Model", "CreateTable", ...
    type: str  # the Go type handed over, as written where it is declared or used
    location: Location  # the argument
    model: str | None  # the model of the scan it registers; None when the type is no model
    refusal: str | None  # the ORM's error when it would refuse the type ("missing primary key")


@dataclass(frozen=True)
class ScanResult(JsonRecord):
    root: str  # the scan root, absolute; every `file` is relative to it
    models: tuple[Model, ...]
    tables: tuple[Table, ...]
    components: tuple[Component, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()
    suppressions: tuple[Suppression, ...] = ()
    files_scanned: int = 0
    registrations: tuple[Registration, ...] = ()  # in file, line, column order
    schema_version: int = field(default=SCHEMA_VERSION)

    def to_dict(self) -> dict[str, Any]:
        data = _plain(self)
        data["schema_version"] = SCHEMA_VERSION
        return data

    def models_of(self, table: Table) -> tuple[Model, ...]:
        """The table's models, in scan order (``Table.models`` holds names, which packages may share)."""
        if table.source == "unresolved":
            return tuple(m for m in self.models if m.table.source == "unresolved" and m.name in table.models)
        return self._models_by_lookup.get((table.source, table.envs, table.name, table.pattern), ())

    @functools.cached_property
    def _models_by_lookup(self) -> dict[tuple[str, tuple[str, ...], str | None, str | None], tuple[Model, ...]]:
        """The models by their table's lookup, grouped once (reports ask for every table's models)."""
        grouped: dict[tuple[str, tuple[str, ...], str | None, str | None], list[Model]] = {}
        for model in self.models:
            grouped.setdefault(model.table.lookup(), []).append(model)
        return {lookup: tuple(models) for lookup, models in grouped.items()}
