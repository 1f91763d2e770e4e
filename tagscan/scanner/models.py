"""One struct to what the ORM registers: flattened fields, attribute names, keys, indexes."""

from __future__ import annotations

import functools
from dataclasses import dataclass, replace

from tree_sitter import Node

from tagscan.model import NUMBER_KINDS, TAG_KEYS, Attribute, Embed, Field, FieldRef, GoType, Index, KeyAttribute, KeyType, Location
from tagscan.releases import Rules
from tagscan.scanner import naming, ormtags, structtag
from tagscan.scanner.parse import ParsedFile, unquote_or_none
from tagscan.scanner.types import NamedStruct, Scope, TypeResolver

_MAX_EMBED_DEPTH = 16


@dataclass(frozen=True, eq=False)
class RawField:
    """A field before the tag key is known: top level or reached through value embeds.

    Compared and hashed by identity: `build_field` caches its result per RawField object.
    """

    name: str
    go_type: GoType
    location: Location
    raw_tag: str | None
    tag_location: Location | None
    embedded_path: tuple[str, ...]
    pointee_is_time: bool = False  # *time.Time: written like time.Time when not nil


@dataclass(frozen=True)
class RawEmbed:
    embed: Embed
    inner_tags: tuple[str, ...]  # raw tags of the embedded struct's own top-level fields


@dataclass
class Flattened:
    fields: list[RawField]
    embeds: list[RawEmbed]
    top_level_tags: list[str]  # raw tags of the struct's own field declarations (naming detection)


def embedded_name(type_node: Node, text: str) -> str:
    """The field name Go gives an embed: the type name without package, `*` or type arguments."""
    if type_node.type == "generic_type":
        inner = type_node.child_by_field_name("type")
        return embedded_name(inner, text.split("[", 1)[0]) if inner is not None else text
    return text.rsplit(".", 1)[-1].lstrip("*")


class Flattener:
    def __init__(self, resolver: TypeResolver, relative) -> None:  # noqa: ANN001
        self.resolver = resolver
        self.relative = relative
        self._flattened: dict[tuple[object, int, tuple[str, ...]], Flattened] = {}

    @staticmethod
    def location(file: ParsedFile, file_name: str, node: Node) -> Location:
        line, column = file.position(node)
        return Location(file_name, line, column)

    def flatten(self, struct: NamedStruct, path: tuple[str, ...] = (), depth: int = 0) -> Flattened:
        """The struct's fields as the ORM walks them (cached: a base struct is shared by many models)."""
        key = (struct.where.file.path, struct.decl.spec.start_byte, path)
        flattened = self._flattened.get(key)
        if flattened is None:
            flattened = self._flattened[key] = self._flatten(struct, path, depth)
        return flattened

    def _flatten(self, struct: NamedStruct, path: tuple[str, ...], depth: int) -> Flattened:
        result = Flattened([], [], [])
        file = struct.where.file
        file_name = self.relative(file.path)
        scope = Scope(struct.where, frozenset(_type_params(struct)))
        for declaration in struct.field_declarations:
            type_node = declaration.child_by_field_name("type")
            if type_node is None:
                continue
            tag_node = declaration.child_by_field_name("tag")
            raw_tag = tag_location = None
            if tag_node is not None:
                raw_tag = unquote_or_none(file.text(tag_node))
                tag_location = self.location(file, file_name, tag_node)
                if raw_tag is not None:
                    result.top_level_tags.append(raw_tag)
            names = declaration.children_by_field_name("name")
            go_type = self.resolver.go_type(type_node, scope)
            if names:
                pointee_is_time = type_node.type == "pointer_type" and self.resolver.go_type(type_node.named_children[0], scope).is_time
                for name_node in names:
                    name = file.text(name_node)
                    if name[:1].isupper():  # unexported fields (and `_`) are ignored by the ORM
                        location = self.location(file, file_name, name_node)
                        result.fields.append(RawField(name, go_type, location, raw_tag, tag_location, path, pointee_is_time))
                continue
            self._embed(struct, file_name, declaration, type_node, go_type, raw_tag, tag_location, scope, path, depth, result)
        return result

    def _embed(self, struct: NamedStruct, file_name: str, declaration: Node, type_node: Node, go_type: GoType,
               raw_tag: str | None, tag_location: Location | None, scope: Scope, path: tuple[str, ...], depth: int,
               result: Flattened) -> None:
        file = struct.where.file
        pointer = any(child.type == "*" for child in declaration.children)
        text = file.text(type_node)
        name = embedded_name(type_node, text)
        location = self.location(file, file_name, type_node)
        if pointer:
            go_type = GoType(expr="*" + text, kind="ptr", elem_kind=go_type.kind)
        named = None if pointer else self.resolver.named_struct(type_node, scope)
        exported = name[:1].isupper()
        known = (go_type.elem_kind if pointer else go_type.kind) != "unknown"
        flattened_from = named if exported and depth < _MAX_EMBED_DEPTH else None
        embed = Embed(
            type_name=text, go_type=go_type, location=location, pointer=pointer, exported=exported,
            raw_tag=raw_tag, flattened=flattened_from is not None, resolved=known, embedded_path=path,
        )
        if flattened_from is not None:
            inner = self.flatten(flattened_from, path + (name,), depth + 1)
            result.embeds.append(RawEmbed(embed, tuple(inner.top_level_tags)))
            result.embeds.extend(inner.embeds)
            result.fields.extend(inner.fields)
            return
        result.embeds.append(RawEmbed(embed, ()))
        if exported and go_type.kind != "unknown":
            # a pointer or non-struct embed is an ordinary field named after its type
            result.fields.append(RawField(name, go_type, location, raw_tag, tag_location, path))


def _type_params(struct: NamedStruct) -> list[str]:
    parameters = struct.decl.spec.child_by_field_name("type_parameters")
    if parameters is None:
        return []
    return [
        struct.where.file.text(name)
        for declaration in parameters.named_children
        for name in declaration.children_by_field_name("name")
    ]


def without_excluded_embeds(flattened: Flattened) -> Flattened:
    """TableTheory 4 skips an embed tagged `theorydb:"-"` or `json:"-"`: its fields, and the embeds
    inside it, are not the model's; the embed itself is kept, no longer flattened."""
    excluded: list[tuple[str, ...]] = []
    embeds: list[RawEmbed] = []
    for raw in flattened.embeds:
        embed = raw.embed
        if any(embed.embedded_path[: len(prefix)] == prefix for prefix in excluded):
            continue
        if embed.flattened and embed.raw_tag is not None and any(
            lookup_tag(embed.raw_tag, key) == ("-", True) for key in ("theorydb", "json")
        ):
            excluded.append(embed.embedded_path + (embed.type_name.split("[", 1)[0].rsplit(".", 1)[-1],))
            raw = RawEmbed(replace(embed, flattened=False), raw.inner_tags)
        embeds.append(raw)
    if not excluded:
        return flattened
    fields = [f for f in flattened.fields if not any(f.embedded_path[: len(p)] == p for p in excluded)]
    return Flattened(fields, embeds, flattened.top_level_tags)


def type_params(struct: NamedStruct) -> tuple[str, ...]:
    return tuple(_type_params(struct))


def choose_tag_key(flattened: Flattened, forced: str | None, module_default: str) -> str:
    """The key the struct's fields use; `--tag-key` wins; go.mod decides a tie."""
    if forced:
        return forced
    tags = [f.raw_tag for f in flattened.fields if f.raw_tag] + flattened.top_level_tags
    every_tag = "\n".join(tags)  # a key absent from all of them needs no tag by tag lookup
    used = {key for key in TAG_KEYS if key + ":" in every_tag and any(lookup_tag(tag, key)[1] for tag in tags)}
    if len(used) == 1:
        return used.pop()
    return module_default


def naming_from_tags(tags: list[str], tag_key: str, rules: Rules) -> str | None:
    """`detectNamingConvention`: the first value `rules` recognise of a `naming:` part among the
    tags of the top-level fields."""
    for raw in tags:
        value, ok = lookup_tag(raw, tag_key)
        if not ok or "naming:" not in value:
            continue
        for part in value.split(","):
            part = part.strip()
            if part.startswith("naming:"):
                convention = naming.convention_from_tag_value(part[len("naming:"):], rules)
                if convention is not None:
                    return convention
    return None


def key_type(go_type: GoType) -> KeyType:
    """What CreateTable declares: Kind() of the field type, no pointer dereference (spec §3.1)."""
    if go_type.kind == "string":
        return "S"
    if go_type.kind in NUMBER_KINDS:
        return "N"
    if go_type.kind == "slice":
        return "B"
    return "S"


def _scalar_type(kind: str | None) -> str:
    if kind == "string":
        return "S"
    if kind in NUMBER_KINDS:
        return "N"
    if kind == "bool":
        return "BOOL"
    return "M"


def written_type(go_type: GoType, parsed: ormtags.ParsedTag | None, ttl: bool, pointee_is_time: bool = False,
                 bytes_as_binary: bool = False) -> str:
    """What the default SafeMarshaler writes for the field (spec §3.3); pointers as their element.
    `bytes_as_binary`: TableTheory 2.x+ writes `[]byte` as B, earlier releases as a list (L)."""
    if parsed is not None and parsed.binary:
        return "B"
    if parsed is not None and parsed.json:
        return "S"
    if go_type.is_time or pointee_is_time:
        return "N" if ttl else "S"
    kind = go_type.elem_kind if go_type.kind == "ptr" else go_type.kind
    if bytes_as_binary and go_type.kind == "slice" and go_type.elem_kind == "uint8" and not (parsed and parsed.set):
        return "B"
    if kind in ("slice", "array"):
        if parsed is not None and parsed.set and go_type.kind == "slice":
            element = go_type.elem_kind
            return "BS" if element == "slice" else "NS" if element in NUMBER_KINDS else "SS"
        return "L"
    if kind in ("map", "struct"):
        return "M"
    if kind in ("unknown", "interface", None):
        return "S" if go_type.kind != "ptr" else "NULL"
    return _scalar_type(kind)


# Tags repeat across fields and models: read each distinct one once.
lookup_tag = functools.lru_cache(maxsize=65536)(structtag.lookup)
parse_orm_tag = functools.lru_cache(maxsize=65536)(ormtags.parse_tag)
attribute_name = functools.lru_cache(maxsize=65536)(naming.attribute_name)


# What a field without an ORM tag, or skipped with `-`, takes from its tag: nothing.
_NOTHING_APPLIED = ormtags.ParsedTag()


# A base struct's RawFields are shared by every model that embeds it (`Flattener.flatten` caches
# them): each is built once per tag key and convention. Models are built file by file, so the
# few most recent RawFields are the ones asked for again.
@functools.lru_cache(maxsize=4096)
def build_field(raw: RawField, tag_key: str, convention: str, rules: Rules) -> tuple[Field, ormtags.ParsedTag | None]:
    tag, ok = lookup_tag(raw.raw_tag, tag_key) if raw.raw_tag is not None else ("", False)
    parsed = parse_orm_tag(tag, rules.first_attr_wins) if tag else None
    skipped = parsed is not None and parsed.skip
    applied = parsed if parsed is not None and not skipped else _NOTHING_APPLIED
    lifecycle = raw.go_type.is_time and not skipped  # the implicit CreatedAt/UpdatedAt rule
    field = Field.from_all_fields(
        name=raw.name, go_type=raw.go_type, location=raw.location,
        attribute=_attribute(raw.name, applied, convention, rules),
        raw_tag=raw.raw_tag, tag=tag if ok else None, tag_location=raw.tag_location, parts=applied.parts,
        embedded_path=raw.embedded_path, skipped=skipped, pk=applied.pk, sk=applied.sk, ttl=applied.ttl,
        version=applied.version,
        created_at=applied.created_at or (lifecycle and raw.name.lower() == "createdat"),
        updated_at=applied.updated_at or (lifecycle and raw.name.lower() == "updatedat"),
        set=applied.set, omitempty=applied.omitempty, encrypted=applied.encrypted, binary=applied.binary,
        json=applied.json, indexes=applied.indexes,
        dynamodb_type=written_type(raw.go_type, applied, applied.ttl, raw.pointee_is_time, rules.bytes_as_binary),
    )
    return field, parsed


def _attribute(go_name: str, applied: ormtags.ParsedTag, convention: str, rules: Rules) -> str:
    """The attribute name: `attr:` (an empty one names nothing from 1.7), the dynamorm convention's
    PK/SK for a standalone pk/sk, else the convention's conversion of the Go name."""
    if applied.attr is not None and (applied.attr != "" or rules.empty_attr == "error"):
        return applied.attr
    if convention == naming.DYNAMORM and (applied.pk or applied.sk):
        return "PK" if applied.pk else "SK"
    return attribute_name(go_name, convention)


def key_attribute(field: Field | None) -> KeyAttribute | None:
    if field is None:
        return None
    return KeyAttribute(field=field.name, attribute=field.attribute, type=key_type(field.go_type), go_type=field.go_type.expr)


def field_ref(field: Field | None) -> FieldRef | None:
    return FieldRef(field=field.name, attribute=field.attribute) if field is not None else None


def indexes_of(fields: list[Field], table_pk: Field | None) -> tuple[Index, ...]:
    """Indexes as `registerIndexes` builds them; an LSI's partition key is the table's. A later
    `lsi:byX` does not turn an earlier `index:byX,pk` into an LSI."""
    kinds: dict[str, str] = {}
    pks: dict[str, Field] = {}
    sks: dict[str, Field] = {}
    for field in fields:
        for role in field.indexes:
            kinds.setdefault(role.index, role.kind)  # the first field naming the index decides GSI or LSI
            if role.pk:
                pks.setdefault(role.index, field)
            if role.sk:
                sks.setdefault(role.index, field)
    return tuple(
        Index(
            name=name, kind=kind,  # type: ignore[arg-type]
            partition_key=key_attribute(table_pk if kind == "LSI" else pks.get(name)),
            sort_key=key_attribute(sks.get(name)),
        )
        for name, kind in sorted(kinds.items())
    )


def attributes_of(fields: list[Field]) -> tuple[Attribute, ...]:
    return tuple(
        Attribute(name=f.attribute, field=f.name, go_type=f.go_type.expr, type=f.dynamodb_type)
        for f in fields
        if not f.skipped
    )


def embed_records(embeds: list[RawEmbed], tag_key: str) -> tuple[Embed, ...]:
    records = []
    for raw in embeds:
        tag = None
        if raw.embed.raw_tag is not None:
            value, ok = lookup_tag(raw.embed.raw_tag, tag_key)
            tag = value if ok else None
        naming_tag = _naming_directive(raw.inner_tags, tag_key)
        if tag is None and naming_tag is None:
            records.append(raw.embed)  # as flattened: no tag, no naming directive
        else:
            records.append(replace(raw.embed, tag=tag, naming_tag=naming_tag))
    return tuple(records)


def _naming_directive(tags: tuple[str, ...], tag_key: str) -> str | None:
    for raw in tags:
        value, ok = lookup_tag(raw, tag_key)
        for part in value.split(",") if ok and "naming:" in value else ():
            if part.strip().startswith("naming:"):
                return part.strip()[len("naming:"):].strip()
    return None
