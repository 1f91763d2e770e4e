"""What updating one table from an old shape to a new one does, change by change, with a verdict.

CloudFormation's rules for ``AWS::DynamoDB::Table`` (reference §3.3): a new key schema, LSI set,
key attribute type or physical name replaces the table; one GSI may be created or deleted per
update (a rename is both); a GSI's keys or projection cannot change under the same name; a TTL
attribute cannot be renamed while enabled; changing the resource type or logical id deletes and
recreates the table.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Literal

from tagscan.against.projections import projection_text
from tagscan.against.tables import IndexShape, Key, TableShape
from tagscan.model import JsonRecord
from tagscan.rules.ts801_too_many_gsi_changes import TOO_MANY_GSI_CHANGES
from tagscan.rules.ts802_table_replacement import TABLE_REPLACEMENT
from tagscan.rules.ts803_gsi_changed_in_place import GSI_CHANGED_IN_PLACE
from tagscan.rules.ts804_ttl_rename import TTL_RENAME
from tagscan.rules.ts805_resource_identity_change import RESOURCE_IDENTITY_CHANGE

Verdict = Literal["ok", "warning", "error"]
_RANK = {"ok": 0, "warning": 1, "error": 2}


@dataclass(frozen=True)
class Change(JsonRecord):
    subject: str  # "partition key", "GSI gsi-ip", "TTL", ...
    action: Literal["add", "remove", "change"]
    old: str | None
    new: str | None
    verdict: Verdict
    message: str
    rule: str | None = None  # the TS8xx rule the change breaks, if any
    index: str | None = None  # the index it is about, to find the Go field
    attribute: str | None = None  # the attribute it is about, to find the Go field

    def describe(self) -> str:
        """`subject: old → new`, `subject: + new`, `subject: - old`."""
        if self.action == "change":
            return f"{self.subject}: {self.old or 'none'} → {self.new or 'none'}"
        return f"{self.subject}: {'+ ' + (self.new or '') if self.action == 'add' else '- ' + (self.old or '')}"


@dataclass(frozen=True)
class TableChanges(JsonRecord):
    changes: tuple[Change, ...]
    stages: tuple[str, ...]  # one line per deploy when GSI changes must be staged; else ()


def worst(verdicts: Iterable[Verdict]) -> Verdict:
    return max(verdicts, key=_RANK.__getitem__, default="ok")


@dataclass(frozen=True)
class Identity:
    """What a table resource is to CloudFormation; ``logical_id`` is None when not known (the models' side)."""

    resource_type: str
    logical_id: str | None = None


def compare(old: TableShape, new: TableShape, old_id: Identity, new_id: Identity) -> TableChanges:
    renamed = _name_change(old, new)
    effect = _replacement_effect(old, renamed=bool(renamed))
    replacement = [replace(c, message=effect) for c in (*_key_changes(old, new), *_lsi_changes(old, new), *renamed)]
    gsi, stages = _gsi_changes(old, new, replaced=bool(replacement))
    changes = [
        *replacement,
        *gsi,
        *_ttl_change(old, new),
        *_stream_change(old, new),
        *_identity_changes(old_id, new_id),
    ]
    return TableChanges(tuple(changes), stages)


def _keys_text(keys: tuple[Key, ...]) -> str | None:
    return " + ".join(f"{k.name} ({k.type})" if k.type else k.name for k in keys) or None


def _key_changes(old: TableShape, new: TableShape) -> list[Change]:
    changes = []
    for subject, before, after in (
        ("partition key", old.partition_key, new.partition_key),
        ("sort key", old.sort_key, new.sort_key),
    ):
        if [k.name for k in before] != [k.name for k in after]:
            changes.append(_replacing(subject, _keys_text(before), _keys_text(after), attribute=_first_name(after)))
    old_types, new_types = old.attribute_types, new.attribute_types
    for name in sorted(old_types.keys() & new_types.keys()):
        if old_types[name] != new_types[name]:
            changes.append(_replacing(f"attribute {name} type", old_types[name], new_types[name], attribute=name))
    return changes


def _first_name(keys: tuple[Key, ...]) -> str | None:
    return keys[0].name if keys else None


def _replacing(
    subject: str, old: str | None, new: str | None, *, index: str | None = None, attribute: str | None = None
) -> Change:
    return Change(
        subject,
        _action(old, new),
        old,
        new,
        "error",
        "replaces the table",  # completed by _replacement_effect, which knows the old table's name
        rule=TABLE_REPLACEMENT,
        index=index,
        attribute=attribute,
    )


def _replacement_effect(old: TableShape, *, renamed: bool) -> str:
    # CloudFormation creates the replacement before deleting the old table: under the same name it cannot.
    if old.table_name is not None and not renamed:
        return (
            "requires replacing the table, which CloudFormation refuses for a custom-named table: the update "
            "fails (rename the table to replace it, and move the data yourself)"
        )
    return "replaces the table: the stack moves to a new, empty table (the old one is deleted, or orphaned with Retain)"


def _index_text(index: IndexShape | None) -> str | None:
    if index is None:
        return None
    keys = _keys_text(index.partition_key) or "?"
    if index.sort_key:
        keys += f", sort {_keys_text(index.sort_key)}"
    return f"{keys}; projection {projection_text(index.projection, index.non_key_attributes)}" if index.projection else keys


def _same_keys(a: tuple[Key, ...], b: tuple[Key, ...]) -> bool:
    """Same names in order, and the same types where both sides know them."""
    return len(a) == len(b) and all(
        x.name == y.name and (x.type is None or y.type is None or x.type == y.type) for x, y in zip(a, b, strict=False)
    )


def _same_index(a: IndexShape, b: IndexShape) -> bool:
    return _same_keys(a.partition_key, b.partition_key) and _same_keys(a.sort_key, b.sort_key) and _same_projection(a, b)


def _same_projection(a: IndexShape, b: IndexShape) -> bool:
    """Same projection type, and the same INCLUDE attributes, where both sides know them."""
    if a.projection is None or b.projection is None:
        return True
    fields = a.non_key_attributes is None or b.non_key_attributes is None or a.non_key_attributes == b.non_key_attributes
    return a.projection == b.projection and (a.projection != "INCLUDE" or fields)


def _by_name(shape: TableShape, kind: str) -> dict[str, IndexShape]:
    return {i.name: i for i in shape.indexes if i.kind == kind}


def _lsi_changes(old: TableShape, new: TableShape) -> list[Change]:
    before, after = _by_name(old, "LSI"), _by_name(new, "LSI")
    return [
        _replacing(f"LSI {name}", _index_text(before.get(name)), _index_text(after.get(name)), index=name)
        for name in sorted(before.keys() | after.keys())
        if name not in before or name not in after or not _same_index(before[name], after[name])
    ]


def _name_change(old: TableShape, new: TableShape) -> list[Change]:
    # The models' side knows the physical name only when it is a literal or the ORM's default.
    if (new.describes_settings or new.table_name is not None) and old.table_name != new.table_name:
        return [_replacing("TableName", _name_text(old.table_name), _name_text(new.table_name))]
    return []


def _name_text(value: object) -> str | None:
    return None if value is None else value if isinstance(value, str) else "(computed)"


def _gsi_changes(old: TableShape, new: TableShape, *, replaced: bool) -> tuple[list[Change], tuple[str, ...]]:
    before, after = _by_name(old, "GSI"), _by_name(new, "GSI")
    added = sorted(after.keys() - before.keys())
    removed = sorted(before.keys() - after.keys())
    edited = sorted(n for n in before.keys() & after.keys() if not _same_index(before[n], after[n]))

    def change(name: str, verdict: Verdict, message: str, rule: str | None = None) -> Change:
        old_text, new_text = _index_text(before.get(name)), _index_text(after.get(name))
        return Change(f"GSI {name}", _action(old_text, new_text), old_text, new_text, verdict, message, rule, name)

    if replaced:
        # The new table is created with all its indexes at once: no per-update limit applies.
        return [change(n, "ok", "comes with the replacement table") for n in sorted({*added, *removed, *edited})], ()
    steps = [*(("add", n) for n in added), *(("remove", n) for n in removed)]
    changes = []
    if len(steps) > 1:
        message = (
            f"{len(added)} GSI(s) created and {len(removed)} deleted in one update; CloudFormation allows "
            "one per update (a rename is both): stage it"
        )
        changes += [change(name, "error", message, TOO_MANY_GSI_CHANGES) for _, name in steps]
    else:
        changes += [
            change(
                name,
                "ok",
                "created in place (backfilled; the stack does not wait)" if verb == "add" else "deleted in place",
            )
            for verb, name in steps
        ]
    changes += [change(name, "error", _edit_message(before[name], after[name]), GSI_CHANGED_IN_PLACE) for name in edited]
    # Additions first: the old indexes keep serving queries until the new ones exist.
    stages = tuple(f"deploy {step}: {verb} GSI {name}" for step, (verb, name) in enumerate(steps, 1))
    return changes, stages if len(steps) > 1 else ()


def _edit_message(before: IndexShape, after: IndexShape) -> str:
    if _same_keys(before.partition_key, after.partition_key) and _same_keys(before.sort_key, after.sort_key):
        return (
            "the projection changes: the index is replaced (deleted and created again), which CloudFormation "
            "does not do under the same name: create the index under a new name, then remove the old one (two deploys)"
        )
    return (
        "keys or projection cannot change under the same name: create the index under a new name, "
        "then remove the old one (two deploys)"
    )


def _action(before: object, after: object) -> Literal["add", "remove", "change"]:
    return "add" if before is None else "remove" if after is None else "change"


def _ttl_change(old: TableShape, new: TableShape) -> list[Change]:
    if old.ttl == new.ttl:
        return []
    if old.ttl and new.ttl:
        return [
            Change(
                "TTL",
                "change",
                old.ttl,
                new.ttl,
                "warning",
                "the attribute cannot change while TTL is enabled: deploy 1 disables TTL, deploy 2 (at least "
                f"an hour later) enables it on {new.ttl}",
                rule=TTL_RENAME,
                attribute=new.ttl,
            )
        ]
    if new.ttl:
        return [Change("TTL", "add", None, new.ttl, "ok", "enabled in place", attribute=new.ttl)]
    return [Change("TTL", "remove", old.ttl, None, "ok", "disabled in place; enabling it again within an hour fails")]


def _stream_change(old: TableShape, new: TableShape) -> list[Change]:
    if not (old.describes_settings and new.describes_settings) or old.stream == new.stream:
        return []
    return [
        Change(
            "stream",
            _action(old.stream, new.stream),
            old.stream,
            new.stream,
            "ok",
            "stream changed in place; its consumers move to a new stream ARN",
        )
    ]


def _identity_changes(old: Identity, new: Identity) -> list[Change]:
    changes = []
    if old.resource_type != new.resource_type:
        changes.append(
            Change(
                "resource type",
                "change",
                old.resource_type,
                new.resource_type,
                "warning",
                "not a conversion: CloudFormation deletes one resource and creates the other (retain the table, "
                "remove it from the stack, then import it)",
                rule=RESOURCE_IDENTITY_CHANGE,
            )
        )
    if old.logical_id and new.logical_id and old.logical_id != new.logical_id:
        changes.append(
            Change(
                "logical id",
                "change",
                old.logical_id,
                new.logical_id,
                "warning",
                "CloudFormation creates a new table and deletes (or, with Retain, orphans) the old one; keep the "
                "id or refactor the stack",
                rule=RESOURCE_IDENTITY_CHANGE,
            )
        )
    return changes
