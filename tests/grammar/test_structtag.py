"""Struct tags read as Go's reflect.StructTag.Lookup, strconv.Unquote and go vet read them."""

import pytest

from tagscan.scanner.structtag import (
    ERR_TAG_KEY_SYNTAX,
    ERR_TAG_SPACE,
    ERR_TAG_SYNTAX,
    ERR_TAG_VALUE_SYNTAX,
    check,
    keys,
    lookup,
    unquote,
)


@pytest.mark.parametrize(
    ("literal", "value"),
    [
        ('"abc"', "abc"),
        (r'"a\"b"', 'a"b'),
        (r'"tab\there"', "tab\there"),
        (r'"\x41\101\u00e9\U0001F600"', "AAé\U0001f600"),
        ("`raw \\n stays`", "raw \\n stays"),
        ("`a\r\nb`", "a\nb"),  # Go drops carriage returns from raw strings
    ],
)
def test_unquote(literal, value):
    assert unquote(literal) == value


@pytest.mark.parametrize("literal", ['"a', '"\\q"', '"\\400"', '"a\nb"', "`a`b`", '"\\uD800"', "'x'"])
def test_unquote_rejects_what_go_rejects(literal):
    with pytest.raises(ValueError):
        unquote(literal)


@pytest.mark.parametrize(
    ("tag", "key", "result"),
    [
        ('json:"id" dynamorm:"pk"', "dynamorm", ("pk", True)),
        ('json:"id"', "dynamorm", ("", False)),
        ('dynamorm:""', "dynamorm", ("", True)),
        ('dynamorm:"pk" dynamorm:"sk"', "dynamorm", ("pk", True)),  # the first wins
        ('json:"a",dynamorm:"pk"', "dynamorm", ("", False)),  # key becomes ",dynamorm"
        ('json:a dynamorm:"pk"', "dynamorm", ("", False)),  # lookup stops at the bad pair
        ('  dynamorm:"a\\"b"', "dynamorm", ('a"b', True)),
        ('dynamorm:"pk', "dynamorm", ("", False)),
    ],
)
def test_lookup_matches_reflect(tag, key, result):
    assert lookup(tag, key) == result


@pytest.mark.parametrize(
    ("tag", "error"),
    [
        ('json:"id" dynamorm:"pk"', None),
        ("", None),
        ('json:"a",dynamorm:"pk"', ERR_TAG_SPACE),
        ("dynamorm:pk", ERR_TAG_VALUE_SYNTAX),
        ("dynamorm", ERR_TAG_SYNTAX),
        (':"x"', ERR_TAG_KEY_SYNTAX),
        ('dynamorm:"pk', ERR_TAG_VALUE_SYNTAX),
        ('dynamorm:"\\q"', ERR_TAG_VALUE_SYNTAX),
    ],
)
def test_check_matches_go_vet(tag, error):
    assert check(tag) == error


def test_keys_keep_repeats_in_order():
    assert keys('dynamorm:"pk" json:"x" dynamorm:"sk"') == ["dynamorm", "json", "dynamorm"]
