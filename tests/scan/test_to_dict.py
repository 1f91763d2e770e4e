"""`to_dict()` is the JSON contract: every field in declaration order, records nested, tuples as lists."""

import dataclasses

from tagscan.model import Field, GoType, IndexRole, Location, TagPart


def _field() -> Field:
    location = Location("a/models.go", 3, 2)
    return Field(
        name="ID", go_type=GoType("string", "string"), location=location, attribute="id",
        raw_tag='dynamorm:"pk"', tag="pk", tag_location=location, parts=(TagPart("pk", "pk", None),),
        embedded_path=("Base",), pk=True, indexes=(IndexRole("gsi", "GSI", pk=True, sk=False),),
    )


def test_records_become_dicts_in_field_order_with_lists_for_tuples():
    data = _field().to_dict()
    assert list(data) == [f.name for f in dataclasses.fields(Field)]
    assert data["go_type"] == {"expr": "string", "kind": "string", "elem_kind": None, "is_time": False}
    assert data["parts"] == [{"text": "pk", "key": "pk", "value": None}]
    assert data["embedded_path"] == ["Base"]
    assert data["indexes"][0]["kind"] == "GSI" and data["pk"] is True
