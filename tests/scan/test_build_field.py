"""build_field: one Field per RawField, what the tag applies, and the implicit CreatedAt/UpdatedAt rule."""

import dataclasses

import pytest

from tagscan.releases import Rules
from tagscan.model import Field, GoType, Location
from tagscan.scanner.models import RawField, build_field

TIME = GoType("time.Time", "struct", is_time=True)
HERE = Location("models.go", 4, 2)

OLD = Rules("1.0.31")  # the rules these tests were written for


def _raw(name: str, raw_tag: str | None, go_type: GoType = TIME) -> RawField:
    return RawField(name, go_type, HERE, raw_tag, HERE if raw_tag is not None else None, ())


def test_untagged_time_field_named_created_at_is_the_creation_stamp():
    field, parsed = build_field(_raw("CreatedAt", None), "dynamorm", "camelCase", OLD)
    assert parsed is None
    assert (field.attribute, field.created_at, field.skipped, field.tag, field.dynamodb_type) == ("createdAt", True, False, None, "S")


def test_skipped_field_takes_nothing_from_its_tag_nor_the_implicit_rule():
    field, parsed = build_field(_raw("UpdatedAt", 'dynamorm:"-"'), "dynamorm", "snake_case", OLD)
    assert parsed is not None and parsed.skip
    assert (field.attribute, field.updated_at, field.skipped, field.tag, field.parts) == ("updated_at", False, True, "-", ())


def test_tagged_field_takes_the_tag_and_keeps_the_implicit_rule():
    field, _ = build_field(_raw("CreatedAt", 'dynamorm:"attr:made,omitempty"'), "dynamorm", "camelCase", OLD)
    assert (field.attribute, field.created_at, field.omitempty, field.skipped) == ("made", True, True, False)
    assert [p.key for p in field.parts] == ["attr", "omitempty"]


def test_tag_under_another_key_is_no_tag():
    field, parsed = build_field(_raw("ID", 'theorydb:"pk"', GoType("string", "string")), "dynamorm", "camelCase", OLD)
    assert parsed is None and field.tag is None and not field.pk and field.attribute == "id"


def test_a_shared_raw_field_is_built_once_and_equal_raw_fields_build_equal_fields():
    raw = _raw("ID", 'dynamorm:"pk"', GoType("string", "string"))
    first, _ = build_field(raw, "dynamorm", "camelCase", OLD)
    assert build_field(raw, "dynamorm", "camelCase", OLD)[0] is first
    twin, _ = build_field(_raw("ID", 'dynamorm:"pk"', GoType("string", "string")), "dynamorm", "camelCase", OLD)
    assert twin == first and twin is not first


def test_a_built_field_is_the_field_its_init_would_make():
    # build_field sets every field at once (Field.from_all_fields): it must give them all, and the
    # record must behave as one made by __init__ (equal, hashable, frozen, converted alike).
    field, _ = build_field(_raw("CreatedAt", 'dynamorm:"attr:made,omitempty"'), "dynamorm", "camelCase", OLD)
    made = Field(**{f.name: getattr(field, f.name) for f in dataclasses.fields(Field)})
    assert set(vars(field)) == {f.name for f in dataclasses.fields(Field)}
    assert field == made and hash(field) == hash(made) and field.to_dict() == made.to_dict()
    with pytest.raises(dataclasses.FrozenInstanceError):
        field.attribute = "other"  # type: ignore[misc]
