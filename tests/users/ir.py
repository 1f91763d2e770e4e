"""Hand-built IR for the renderer tests: models as the scanner reports them."""

from __future__ import annotations

from tagscan.model import (
    Attribute,
    Field,
    FieldRef,
    GoType,
    Index,
    IndexRole,
    KeyAttribute,
    Location,
    Model,
    ScanResult,
    Table,
    TableRef,
)

_KIND_TYPES = {"string": "S", "int64": "N", "float64": "N", "bool": "BOOL", "map": "M", "struct": "M"}


def field(
    name: str,
    attribute: str,
    go: str,
    kind: str,
    dynamodb_type: str | None = None,
    *,
    elem_kind: str | None = None,
    is_time: bool = False,
    **flags: object,
) -> Field:
    return Field(
        name=name,
        go_type=GoType(expr=go, kind=kind, elem_kind=elem_kind, is_time=is_time),
        location=Location("models.go", 1, 2),
        attribute=attribute,
        dynamodb_type=dynamodb_type or _KIND_TYPES[kind],
        **flags,  # type: ignore[arg-type]
    )


def key_of(f: Field) -> KeyAttribute:
    return KeyAttribute(field=f.name, attribute=f.attribute, type=f.dynamodb_type, go_type=f.go_type.expr)  # type: ignore[arg-type]


def ref(f: Field | None) -> FieldRef | None:
    return FieldRef(field=f.name, attribute=f.attribute) if f else None


def model(
    name: str,
    fields: list[Field],
    table: TableRef,
    *,
    indexes: tuple[Index, ...] = (),
    package: str = "models",
    naming: str = "camelCase",
    import_path: str | None = "example.com/app/models",
) -> Model:
    def first(flag: str) -> Field | None:
        return next((f for f in fields if getattr(f, flag)), None)

    pk, sk = first("pk"), first("sk")
    return Model(
        name=name, package=package, import_path=import_path, dir=".", file=f"{name.lower()}.go", line=3, column=6,
        tag_key="dynamorm", naming=naming, naming_source="default",  # type: ignore[arg-type]
        table=table,
        partition_key=key_of(pk) if pk else None,
        sort_key=key_of(sk) if sk else None,
        indexes=indexes,
        ttl=ref(first("ttl")), version=ref(first("version")),
        created_at=ref(first("created_at")), updated_at=ref(first("updated_at")),
        attributes=tuple(Attribute(f.attribute, f.name, f.go_type.expr, f.dynamodb_type) for f in fields),
        fields=tuple(fields),
    )


def table_of(models: list[Model]) -> Table:
    first = models[0]
    indexes = {i.name: i for m in models for i in m.indexes}
    return Table(
        key=first.table.env or first.table.name or f"unresolved:{first.name}",
        source=first.table.source, env=first.table.env, name=first.table.name,
        models=tuple(sorted(m.name for m in models)),
        partition_key=first.partition_key, sort_key=first.sort_key,
        indexes=tuple(indexes[n] for n in sorted(indexes)), ttl=first.ttl,
    )


def scan_of(*groups: list[Model]) -> ScanResult:
    return ScanResult(
        root="/nowhere",
        models=tuple(m for g in groups for m in g),
        tables=tuple(sorted((table_of(g) for g in groups), key=lambda t: t.key)),
    )


def users_and_orders() -> ScanResult:
    """Two tables: users (env, GSI, LSI, TTL, every value type) and a shared orders table."""
    user_id = field("ID", "id", "string", "string", pk=True)
    sk = field("SK", "SK", "string", "string", sk=True)
    email = field("Email", "email", "string", "string",
                  indexes=(IndexRole("gsi-email", "GSI", pk=True, sk=False),))
    created = field("CreatedAt", "createdAt", "time.Time", "struct", "S", is_time=True, created_at=True,
                    indexes=(IndexRole("lsi-created", "LSI", pk=False, sk=True),))
    users = model("User", [
        user_id, sk, email, created,
        field("Tags", "tags", "[]string", "slice", "SS", elem_kind="string", set=True, omitempty=True),
        field("Scores", "scores", "[]float64", "slice", "L", elem_kind="float64"),
        field("Levels", "levels", "[]int", "slice", "NS", elem_kind="int", set=True),
        field("Avatar", "avatar", "[]byte", "slice", "B", elem_kind="uint8"),
        field("Active", "active", "bool", "bool"),
        field("Balance", "balance", "float64", "float64"),
        field("Prefs", "prefs", "map[string]string", "map"),
        field("Version", "version", "int64", "int64", version=True),
        field("ExpiresAt", "ttl", "int64", "int64", ttl=True),
    ], TableRef(source="env", env="USERS_TABLE", name="users", default_name="users"), indexes=(
        Index("gsi-email", "GSI", key_of(email), None),
        Index("lsi-created", "LSI", key_of(user_id), key_of(created)),
    ))
    order_pk = field("PK", "PK", "string", "string", pk=True)
    order_sk = field("SK", "SK", "string", "string", sk=True)
    order = model("Order", [order_pk, order_sk, field("Amount", "amount", "int64", "int64")],
                  TableRef(source="literal", name="orders"))
    refund = model("Refund", [order_pk, order_sk, field("Reason", "reason", "string", "string")],
                   TableRef(source="literal", name="orders"))
    return scan_of([users], [order, refund])
