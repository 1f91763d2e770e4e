"""Where in the Go source a finding about a table belongs: the field that declares the key,
index or TTL, else the model's struct line."""

from __future__ import annotations

from tagscan.model import Location, Model


def struct_location(model: Model) -> Location:
    return Location(model.file, model.line, model.column)


def field_location(model: Model, go_field: str) -> Location:
    field = next((f for f in model.fields if f.name == go_field and not f.skipped), None)
    return field.location if field else struct_location(model)


def attribute_location(models: list[Model], attribute: str | None) -> Location:
    """The field that writes ``attribute`` in the first model that has one, else the first model's struct."""
    for model in models:
        field = next((f for f in model.fields if f.attribute == attribute and not f.skipped), None)
        if field:
            return field.location
    return struct_location(models[0])


def index_location(models: list[Model], index_name: str | None) -> Location:
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
                return field_location(model, key.field) if key else struct_location(model)
    return struct_location(models[0])
