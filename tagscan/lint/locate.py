"""Where in the Go source a finding about a model belongs: the field that declares the key,
index, attribute or TTL, else the struct's line. The rules and the ``--against`` issues both
place their findings with these."""

from __future__ import annotations

from tagscan.model import Component, KeyAttribute, Location, Model


def struct_location(owner: Model | Component) -> Location:
    return Location(owner.file, owner.line, owner.column)


def field_location(model: Model, go_field: str) -> Location:
    field = next((f for f in model.fields if f.name == go_field and not f.skipped), None)
    return field.location if field else struct_location(model)


def key_location(model: Model, key: KeyAttribute | None) -> Location:
    """Where a key is declared: its field, else the model."""
    return field_location(model, key.field) if key else struct_location(model)


def attribute_location(models: list[Model], attribute: str | None) -> Location:
    """The field that writes ``attribute`` in the first model that has one, else the first model's struct."""
    for model in models:
        field = next((f for f in model.fields if f.attribute == attribute and not f.skipped), None)
        if field:
            return field.location
    return struct_location(models[0])


def index_location(model: Model, index_name: str) -> Location:
    """Where an index is declared: the first field with a role in it, else the model."""
    return next(
        (f.location for f in model.fields if not f.skipped and any(r.index == index_name for r in f.indexes)),
        struct_location(model),
    )


def index_key_location(models: list[Model], index_name: str | None) -> Location:
    """The field holding the index's own key in the first model that declares it."""
    for model in models:
        for index in model.indexes:
            if index.name == index_name:
                # An LSI's own key is its sort key; its partition key is the table's.
                key = (
                    (index.sort_key or index.partition_key)
                    if index.kind == "LSI"
                    else (index.partition_key or index.sort_key)
                )
                return key_location(model, key)
    return struct_location(models[0])
