"""Section 1 of the ORM semantics: splitTags, simple and key:value parts, index and lsi clauses."""

import pytest

from tagscan.model import IndexRole
from tagscan.scanner.ormtags import parse_tag, split_tags


def test_split_tags_library_vector():
    assert split_tags("pk,index:gsi-users,pk,sk,sparse,updated_at") == [
        "pk",
        "index:gsi-users,pk,sk,sparse",
        "updated_at",
    ]


def test_empty_parts_are_dropped():
    parsed = parse_tag("pk,,omitempty")
    assert (parsed.pk, parsed.omitempty, parsed.errors) == (True, True, ())


@pytest.mark.parametrize(
    ("tag", "table_pk", "table_sk", "roles"),
    [
        ("pk,index:g", True, False, [IndexRole("g", "GSI", pk=True, sk=False)]),
        ("index:g,pk", False, False, [IndexRole("g", "GSI", pk=True, sk=False)]),
        ("sk,index:gsi-1,pk", False, True, [IndexRole("gsi-1", "GSI", pk=True, sk=False)]),
        ("index:g,pk,sk", False, False, [IndexRole("g", "GSI", pk=True, sk=True)]),
        ("index:g1,sk,index:g1,pk", False, False, [IndexRole("g1", "GSI", pk=True, sk=False)]),
        ("index:x,sparse", False, False, [IndexRole("x", "GSI", pk=False, sk=False, sparse=True)]),
        ("lsi:by-date", False, False, [IndexRole("by-date", "LSI", pk=False, sk=True)]),
        ("index:lsi-a", False, False, [IndexRole("lsi-a", "LSI", pk=True, sk=False, lsi_by_prefix=True)]),
        ("index:lsi_b,sk", False, False, [IndexRole("lsi_b", "LSI", pk=False, sk=True, lsi_by_prefix=True)]),
        (
            "index:tenant-created-index,sk,index:status-created-index,sk",
            False,
            False,
            [
                IndexRole("tenant-created-index", "GSI", pk=False, sk=True),
                IndexRole("status-created-index", "GSI", pk=False, sk=True),
            ],
        ),
    ],
)
def test_index_clauses_bind_keys(tag, table_pk, table_sk, roles):
    parsed = parse_tag(tag)
    assert (parsed.pk, parsed.sk) == (table_pk, table_sk)
    assert list(parsed.indexes) == roles
    assert parsed.errors == ()


@pytest.mark.parametrize(
    ("tag", "error"),
    [
        ("index:gsi-email,unique", "invalid struct tag: unknown tag 'unique'"),
        ("lsi:l,pk", "invalid struct tag: unknown lsi tag modifier 'pk'"),
        ("lsi:l,sparse", "invalid struct tag: unknown lsi tag modifier 'sparse'"),
        (":x", "invalid struct tag: unknown tag ':x'"),
        ("-,omitempty", "invalid struct tag: unknown tag '-'"),
        ("gsi1pk", "invalid struct tag: unknown tag 'gsi1pk'"),
    ],
)
def test_what_the_orm_rejects(tag, error):
    assert parse_tag(tag).errors == (error,)


def test_only_a_lone_dash_skips():
    assert parse_tag("-").skip
    assert not parse_tag("-,omitempty").skip


def test_key_value_parts():
    parsed = parse_tag("attr:first, attr: second ,naming:snake_case,composite:post_id,project:always")
    assert parsed.attr == "second"  # the last attr wins, value trimmed
    assert parsed.naming == "snake_case"
    assert parsed.errors == ()  # unknown key:value directives are silently accepted
    assert [p.key for p in parsed.parts] == ["attr", "attr", "naming", "composite", "project"]


def test_simple_directives():
    parsed = parse_tag("ttl,version,set,encrypted,binary,json,created_at,updated_at")
    assert all(
        getattr(parsed, name)
        for name in ("ttl", "version", "set", "encrypted", "binary", "json", "created_at", "updated_at")
    )
    assert parse_tag("encrypted:kms").encrypted
