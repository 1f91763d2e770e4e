"""Section 2.4 of the ORM semantics: every verified conversion vector, and name validation."""

import pytest

from tagscan.scanner.naming import (
    CAMEL_CASE,
    DYNAMORM_MODULE,
    SNAKE_CASE,
    TABLETHEORY_MODULE,
    VERBATIM,
    attribute_name,
    camel_case,
    convention_from_tag_value,
    default_convention,
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
    assert convention_from_tag_value("snake_case") == SNAKE_CASE
    assert convention_from_tag_value("camelCase") == CAMEL_CASE
    assert convention_from_tag_value("camel_case") == CAMEL_CASE
    assert convention_from_tag_value("snake") is None  # ignored by the ORM; scanning goes on
    assert convention_from_tag_value("pascal") is None


@pytest.mark.parametrize(
    ("module", "version", "convention"),
    [
        (DYNAMORM_MODULE, "v1.0.30", VERBATIM),
        (DYNAMORM_MODULE, "v1.0.0", VERBATIM),
        (DYNAMORM_MODULE, "v1.0.31-0.20251024120000-abcdefabcdef", VERBATIM),
        (DYNAMORM_MODULE, "v1.0.31", CAMEL_CASE),
        (DYNAMORM_MODULE, "v1.3.0-rc.2", CAMEL_CASE),
        (TABLETHEORY_MODULE, "v1.2.1", CAMEL_CASE),
        (None, None, CAMEL_CASE),
    ],
)
def test_default_convention_follows_go_mod(module, version, convention):
    assert default_convention(module, version) == convention
