"""Section 2.4 of the ORM semantics: every verified conversion vector, and name validation."""

import pytest

from tagscan.releases import Rules

from tagscan.scanner.naming import (
    CAMEL_CASE,
    SNAKE_CASE,
    VERBATIM,
    attribute_name,
    camel_case,
    convention_from_tag_value,
    naming_error,
    snake_case,
)

VECTORS = [
    ("ID", "id", "id"),
    ("UserID", "userID", "user_id"),
    ("URLValue", "urlValue", "url_value"),
    ("HTTPCode", "httpCode", "http_code"),
    ("IPAddress", "ipAddress", "ip_address"),
    ("PK", "PK", "pk"),
    ("SK", "SK", "sk"),
    ("Pk", "pk", "pk"),
    ("TTL", "ttl", "ttl"),
    ("CreatedAt", "createdAt", "created_at"),
    ("GSI1PK", "gsI1PK", "gsi1pk"),
    ("GSI5PK", "gsI5PK", "gsi5pk"),
    ("AccountID2", "accountID2", "account_id2"),
    ("Created_At", "created_At", "created_at"),
]


@pytest.mark.parametrize(("go_name", "camel", "snake"), VECTORS)
def test_conversion_vectors(go_name, camel, snake):
    assert camel_case(go_name) == camel
    assert snake_case(go_name) == snake
    assert attribute_name(go_name, CAMEL_CASE) == camel
    assert attribute_name(go_name, SNAKE_CASE) == snake
    assert attribute_name(go_name, VERBATIM) == go_name


@pytest.mark.parametrize(
    ("name", "convention", "error"),
    [
        ("full_name", CAMEL_CASE, 'attribute name must be camelCase (got "full_name")'),
        ("PK", CAMEL_CASE, None),
        ("gsI1PK", CAMEL_CASE, None),
        ("PK", SNAKE_CASE, 'attribute name must be snake_case (got "PK")'),
        ("created_at", SNAKE_CASE, None),
        ("", CAMEL_CASE, "attribute name cannot be empty"),
        ("", SNAKE_CASE, "attribute name cannot be empty"),
        ("Anything_Goes", VERBATIM, None),
    ],
)
def test_validate_attr_name(name, convention, error):
    assert naming_error(name, convention) == error


def test_naming_tag_values_the_orm_recognises():
    old, new = Rules("1.0.31"), Rules("1.7.0")
    for rules in (old, new):
        assert convention_from_tag_value("snake_case", rules) == SNAKE_CASE
        assert convention_from_tag_value("camelCase", rules) == CAMEL_CASE
        assert convention_from_tag_value("camel_case", rules) == CAMEL_CASE
        assert convention_from_tag_value("snake", rules) is None  # ignored by the ORM; scanning goes on
        assert convention_from_tag_value("PascalCase", rules) is None  # case-sensitive
    assert convention_from_tag_value("pascalCase", old) is None  # not known before 1.7
    assert convention_from_tag_value("pascalCase", new) == "pascalCase"
    assert convention_from_tag_value("legacyDynamORM", new) == "dynamorm"
    assert convention_from_tag_value(" snake_case", old) == SNAKE_CASE  # trimmed up to 1.3
    assert convention_from_tag_value(" snake_case", new) is None  # not from 1.7
