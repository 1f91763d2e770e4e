"""Each rule on hand-built models: what it reports, where, with which text, and what it leaves alone."""

from __future__ import annotations

import pytest

from tagscan.model import Diagnostic, Location, TableRef
from tagscan.rules.ts001_go_syntax_error import GoSyntaxError
from tagscan.rules.ts002_unreadable_source import UnreadableSource
from tagscan.rules.ts003_rule_crashed import RuleCrashed
from tagscan.rules.ts004_unresolved_type import UnresolvedType
from tagscan.rules.ts005_suppression_without_reason import SuppressionWithoutReason
from tagscan.rules.ts006_unused_suppression import UnusedSuppression
from tagscan.rules.ts101_malformed_struct_tag import MalformedStructTag
from tagscan.rules.ts102_repeated_tag_key import RepeatedTagKey
from tagscan.rules.ts201_missing_primary_key import MissingPrimaryKey
from tagscan.rules.ts202_duplicate_partition_key import DuplicatePartitionKey
from tagscan.rules.ts203_duplicate_sort_key import DuplicateSortKey
from tagscan.rules.ts204_index_missing_partition_key import IndexMissingPartitionKey
from tagscan.rules.ts205_duplicate_index_key import DuplicateIndexKey
from tagscan.rules.ts206_unknown_tag import UnknownTag
from tagscan.rules.ts207_unknown_lsi_modifier import UnknownLsiModifier
from tagscan.rules.ts208_invalid_ttl_type import InvalidTtlType
from tagscan.rules.ts209_invalid_version_type import InvalidVersionType
from tagscan.rules.ts210_set_on_non_slice import SetOnNonSlice
from tagscan.rules.ts211_invalid_lifecycle_type import InvalidLifecycleType
from tagscan.rules.ts212_encrypted_key import EncryptedKey
from tagscan.rules.ts213_attribute_name_convention import AttributeNameConvention
from tagscan.rules.ts301_duplicate_attribute_name import DuplicateAttributeName
from tagscan.rules.ts302_repeated_special_field import RepeatedSpecialField
from tagscan.rules.ts303_key_bound_to_index import KeyBoundToIndex
from tagscan.rules.ts304_lsi_prefix_inference import LsiPrefixInference
from tagscan.rules.ts305_index_named_twice import IndexNamedTwice
from tagscan.rules.ts306_unknown_directive import UnknownDirective
from tagscan.rules.ts307_no_op_directive import NoOpDirective
from tagscan.rules.ts308_unencodable_key_type import UnencodableKeyType
from tagscan.rules.ts309_key_type_drift import KeyTypeDrift
from tagscan.rules.ts310_ignored_embed import IgnoredEmbed
from tagscan.rules.ts401_too_many_gsis import TooManyGsis
from tagscan.rules.ts402_too_many_lsis import TooManyLsis
from tagscan.rules.ts403_lsi_without_sort_key import LsiWithoutSortKey
from tagscan.rules.ts404_invalid_resource_name import InvalidResourceName
from tagscan.rules.ts405_attribute_name_too_long import AttributeNameTooLong
from tagscan.rules.ts501_shared_table_key_conflict import SharedTableKeyConflict
from tagscan.rules.ts502_shared_index_conflict import SharedIndexConflict
from tagscan.rules.ts503_attribute_type_conflict import AttributeTypeConflict
from tagscan.rules.ts601_unresolved_table_name import UnresolvedTableName
from tagscan.rules.ts602_env_fallback_pluralised import EnvFallbackPluralised
from tagscan.rules.ts603_env_var_convention import EnvVarConvention
from tests.rules.conftest import (
    FILE,
    TAG_COLUMN,
    component,
    embed,
    env_table,
    field,
    findings,
    lines,
    model,
    scan,
)

ID = field("ID", "string", "pk", line=2)


def only(rule, result):
    found = findings(rule, result)
    assert len(found) == 1, found
    return found[0]


# TS0xx / TS1xx


@pytest.mark.parametrize("rule", [GoSyntaxError, UnreadableSource, UnresolvedType, MalformedStructTag], ids=lambda r: r.id)
def test_pass_through_rules_report_exactly_their_own_diagnostics(rule):
    diagnostics = [Diagnostic(other.id, "error", f"{other.id}.go", 3, 7, f"problem {other.id}")
                   for other in (GoSyntaxError, UnreadableSource, UnresolvedType, MalformedStructTag)]
    found = only(rule, scan(diagnostics=diagnostics))
    assert (found.rule, found.file, found.line, found.column) == (rule.id, f"{rule.id}.go", 3, 7)
    assert (found.message, found.severity) == (f"problem {rule.id}", rule.severity)


@pytest.mark.parametrize("rule", [RuleCrashed, SuppressionWithoutReason, UnusedSuppression], ids=lambda r: r.id)
def test_engine_rules_report_nothing_themselves(rule):
    crashed = Diagnostic(rule.id, "error", "a.go", 1, 1, "x")
    assert findings(rule, scan(model("Order", field("Name", tag="bogus")), diagnostics=[crashed])) == []


def test_repeated_tag_key_names_the_ignored_value():
    repeated = field("Email", tag="attr:email", line=3)
    repeated = type(repeated)(**{**repeated.__dict__, "raw_tag": 'dynamorm:"attr:email" json:"e" dynamorm:"index:g"'})
    found = only(RepeatedTagKey, scan(model("User", ID, repeated)))
    assert (found.line, found.column) == (3, TAG_COLUMN)
    assert '"index:g"' in found.message and '"attr:email"' in found.message
    theorydb = type(repeated)(**{**repeated.__dict__, "raw_tag": 'theorydb:"pk" dynamorm:"pk"'})
    assert findings(RepeatedTagKey, scan(model("User", ID, theorydb))) == []


@pytest.mark.parametrize(
    ("raw_tag", "repeated"),
    [('dynamorm:"a\\"b" dynamorm:"c"', True),  # an escaped quote does not end the value
     ('dynamorm:"pk" broken dynamorm:"c"', False),  # Lookup stops at the syntax error
     ('dynamorm:"pk"  json:"x"   dynamorm:"c"', True)],
)
def test_repeated_tag_key_reads_tags_like_lookup(raw_tag, repeated):
    base = field("Email", tag="attr:email")
    tagged = type(base)(**{**base.__dict__, "raw_tag": raw_tag})
    assert bool(findings(RepeatedTagKey, scan(model("User", ID, tagged)))) is repeated


# TS2xx: what the ORM rejects


def test_missing_primary_key_for_models_and_unused_components():
    found = only(MissingPrimaryKey, scan(model("Order", field("ID", tag="index:gsi-id,pk"), line=5)))
    assert (found.line, found.column) == (5, 6)
    assert found.message.startswith("missing primary key")
    used = component("Base", field("Name", tag="attr:name"), used=True)
    unused = component("Orphan", field("Name", tag="attr:name"), used=False, line=9)
    assert lines(MissingPrimaryKey, scan(model("Order", ID), components=[used, unused])) == [9]


def test_missing_primary_key_ignores_a_skipped_pk():
    assert lines(MissingPrimaryKey, scan(model("Order", field("ID", tag="-"), line=4))) == [4]


def test_duplicate_table_keys_are_reported_on_the_later_field():
    order = model("Order", ID, field("Tenant", tag="pk", line=3), field("A", tag="sk", line=4), field("B", tag="sk", line=5))
    pk = only(DuplicatePartitionKey, scan(order))
    assert pk.line == 3
    assert pk.message.startswith("duplicate primary key definition: duplicate primary key definition")
    sk = only(DuplicateSortKey, scan(order))
    assert sk.line == 5 and sk.message.startswith("duplicate sort key definition")


def test_embedded_base_shared_by_two_models_is_reported_once():
    base_pk = field("ID", tag="pk", line=2)
    base_dup = field("Other", tag="pk", line=3)
    result = scan(model("A", base_pk, base_dup, line=10), model("B", base_pk, base_dup, line=20))
    assert lines(DuplicatePartitionKey, result) == [3]


def test_index_without_partition_key():
    order = model("Order", ID, field("Created", "time.Time", "index:gsi-status,sk", line=3),
                  field("Flag", tag="index:gsi-sparse,sparse", line=4), field("Sorted", tag="lsi:lsi-x", line=5))
    found = findings(IndexMissingPartitionKey, scan(order))
    assert [f.line for f in found] == [3, 4]
    assert found[0].message.startswith("missing partition key for index") and "gsi-status" in found[0].message


def test_duplicate_index_keys():
    order = model("Order", ID, field("A", tag="index:g"), field("B", tag="index:g,pk", line=3),
                  field("C", tag="index:g,sk", line=4), field("D", tag="index:g,sk", line=5))
    assert [(f.line, f.message.split(" (")[0]) for f in findings(DuplicateIndexKey, scan(order))] == [
        (3, "duplicate partition key for index g"),
        (5, "duplicate sort key for index g"),
    ]


def test_unknown_tag_quotes_the_orm_error_at_the_tag():
    found = only(UnknownTag, scan(model("User", ID, field("Email", tag="index:gsi-email,unique", line=3))))
    assert found.message == "field validation failed: invalid struct tag: unknown tag 'unique'"
    assert (found.line, found.column) == (3, TAG_COLUMN)
    assert findings(UnknownTag, scan(model("User", ID, field("X", tag="omitempty,binary,json,set,composite:x")))) == []
    assert only(UnknownTag, scan(model("User", ID, field("X", tag="omitemtpy")))).hint == "did you mean 'omitempty'?"
    assert found.hint.startswith("remove 'unique'; known directives: binary, created_at")


def test_unknown_lsi_modifier():
    order = model("Order", ID, field("S", tag="lsi:lsi-s,pk", line=3), field("T", tag="lsi:lsi-t,sk", line=4))
    found = only(UnknownLsiModifier, scan(order))
    assert found.line == 3
    assert found.message == "field validation failed: invalid struct tag: unknown lsi tag modifier 'pk'"


@pytest.mark.parametrize(
    ("expr", "rejected"),
    [("time.Time", True), ("int", True), ("*int64", True), ("string", True),
     ("int64", False), ("uint64", False), ("Epoch", False), ("ext.Thing", False)],
)
def test_ttl_type(expr, rejected):
    found = findings(InvalidTtlType, scan(model("Session", ID, field("ExpiresAt", expr, "ttl", line=4))))
    assert bool(found) is rejected
    if rejected:
        assert found[0].message.startswith("field validation failed: invalid struct tag: ttl field must be int64 or uint64")
        assert found[0].line == 4 and found[0].hint


@pytest.mark.parametrize(("expr", "rejected"), [("int", False), ("Epoch", False), ("float64", True), ("string", True),
                                                ("*int64", True)])
def test_version_type(expr, rejected):
    found = findings(InvalidVersionType, scan(model("Account", ID, field("Version", expr, "version"))))
    assert bool(found) is rejected
    assert all("version field must be numeric" in f.message for f in found)


@pytest.mark.parametrize(("expr", "rejected"), [("[]string", False), ("[]byte", False), ("[4]string", True),
                                                ("string", True), ("ext.Thing", False)])
def test_set_needs_a_slice(expr, rejected):
    assert bool(findings(SetOnNonSlice, scan(model("Post", ID, field("Tags", expr, "set"))))) is rejected


def test_lifecycle_fields_must_be_time_time_only_when_tagged():
    order = model("Order", ID, field("UpdatedAt", "*time.Time", "updated_at", line=3),
                  field("Created", "int64", "created_at,omitempty", line=4), field("At", "time.Time", "created_at"),
                  field("CreatedOn", "*time.Time", None), field("Seen", "ext.Thing", "updated_at", line=7),
                  field("Touched", "Stamp", "updated_at", line=8))
    found = findings(InvalidLifecycleType, scan(order))
    assert [f.line for f in found] == [3, 4, 7, 8]
    assert "created_at/updated_at fields must be time.Time" in found[0].message


def test_encrypted_key():
    order = model("Order", ID, field("Email", tag="index:gsi-email,encrypted", line=3), field("Secret", tag="encrypted"),
                  field("Card", tag="encrypted:kms,sk", line=5))
    found = findings(EncryptedKey, scan(order))
    assert [f.line for f in found] == [3, 5]
    assert found[0].message.startswith("invalid struct tag: encrypted fields cannot be used as primary or index keys")
    assert "index gsi-email pk" in found[0].message


def test_attribute_names_follow_the_models_convention():
    fields = (ID, field("FullName", tag="attr:full_name", line=3), field("Raw_Name", tag=None, line=4),
              field("Key", tag="pk,attr:PK", line=5), field("Empty", tag="attr:", line=6))
    camel = findings(AttributeNameConvention, scan(model("User", *fields)))
    assert [f.line for f in camel] == [3, 6]
    assert camel[0].message.startswith(
        'field validation failed: invalid struct tag: attribute name must be camelCase (got "full_name")'
    )
    assert camel[0].hint == "write attr:fullName"
    assert "attribute name cannot be empty" in camel[1].message
    snake = findings(AttributeNameConvention, scan(model("User", *fields, naming="snake_case")))
    assert [f.line for f in snake] == [5, 6]  # PK is only excepted under camelCase
    assert [f.hint for f in snake] == ["write attr:pk", "write an attr: name in snake_case"]
    assert findings(AttributeNameConvention, scan(model("User", *fields, naming="verbatim"))) == []


# TS3xx: accepted by the ORM, almost certainly wrong


def test_duplicate_attribute_name():
    user = model("User", ID, field("Email", tag="attr:contact", line=3), field("Phone", tag="attr:contact", line=4),
                 field("Gone", tag="-"), field("Contact", line=6))
    found = findings(DuplicateAttributeName, scan(user))
    assert [f.line for f in found] == [4, 6]
    assert "'contact'" in found[0].message and "line 3" in found[0].message


def test_repeated_special_fields_including_implicit_created_at():
    session = model("Session", ID, field("ExpiresAt", "int64", "ttl"), field("PurgeAt", "int64", "ttl", line=4),
                    field("CreatedAt", "time.Time", line=5), field("Made", "time.Time", "created_at", line=6))
    found = findings(RepeatedSpecialField, scan(session))
    assert [(f.line, "ttl" in f.message) for f in found] == [(4, True), (6, False)]


def test_key_bound_to_index():
    no_table_pk = model("Order", field("ID", tag="index:gsi-id,pk", line=2), field("Status", tag="index:gsi-s", line=3))
    assert lines(KeyBoundToIndex, scan(no_table_pk)) == [2]
    both = model("Order", ID, field("Status", tag="index:gsi-status,pk,sk", line=3), field("Email", tag="index:g,pk"),
                 field("At", tag="sk,index:g,sk"))
    found = only(KeyBoundToIndex, scan(both))
    assert found.line == 3 and found.message == "pk and sk after index:gsi-status bind to index 'gsi-status', not to the table"


def test_lsi_prefix_inference():
    order = model("Order", ID, field("At", tag="index:lsi-created,sk", line=3), field("B", tag="lsi:lsi-b"),
                  field("C", tag="index:lsifoo"))
    found = only(LsiPrefixInference, scan(order))
    assert found.line == 3 and 'lsi:lsi-created' in found.hint


def test_index_named_twice():
    order = model("Order", ID, field("S", tag="index:g1,sk,index:g1,pk", line=3), field("T", tag="index:g1,sk,index:g2"))
    found = only(IndexNamedTwice, scan(order))
    assert found.line == 3 and "'g1' 2 times" in found.message


def test_unknown_directive_suggests_near_misses():
    user = model("User", ID, field("Email", tag="atr:email", line=3), field("X", tag="composite:post_id", line=4),
                 field("Y", tag="attr:y,project:all,naming:snake_case"))
    found = findings(UnknownDirective, scan(user))
    assert [f.line for f in found] == [3, 4]
    assert found[0].message.endswith("did you mean 'attr'?") and found[0].hint == "write attr:email"
    assert "did you mean" not in found[1].message


def test_no_op_directives():
    order = model("Order", ID, field("S", tag="index:gsi-s,pk,sparse", line=3), field("T", tag="project:keys_only", line=4))
    found = findings(NoOpDirective, scan(order))
    assert [f.line for f in found] == [3, 4]
    assert "sparse" in found[0].message and "projects ALL" in found[1].message


@pytest.mark.parametrize(
    ("expr", "unencodable", "drift"),
    [("bool", True, False), ("Address", True, False), ("map[string]string", True, False), ("[]string", True, False),
     ("[4]string", True, False), ("*bool", True, False), ("*int64", False, True), ("*string", False, True),
     ("[]byte", False, True), ("string", False, False), ("int64", False, False), ("time.Time", False, False),
     ("ext.Thing", False, False)],
)
def test_key_types(expr, unencodable, drift):
    result = scan(model("Item", ID, field("Key", expr, "index:gsi-key", line=3), field("Plain", expr, None)))
    assert lines(UnencodableKeyType, result) == ([3] if unencodable else [])
    assert lines(KeyTypeDrift, result) == ([3] if drift else [])


def test_pointer_number_key_drift_explains_s_versus_n():
    found = only(KeyTypeDrift, scan(model("Item", ID, field("N", "*int64", "sk"))))
    assert "declares S" in found.message and "writes the number as N" in found.message
    assert found.hint == "declare the key as int64 without the pointer"


def test_ignored_embeds():
    embeds = [embed("base", line=3), embed("Base", line=4, tag="-"), embed("Audit", line=5, pointer=True),
              embed("Meta", line=6, naming_tag="snake_case"), embed("Plain", line=7), embed("Other", line=8, pointer=True)]
    tagged = [component(name, field("X", tag="attr:x"), used=True) for name in ("base", "Audit")]
    found = findings(IgnoredEmbed, scan(model("Order", ID, embeds=embeds), components=tagged))
    assert [f.line for f in found] == [3, 4, 5, 6]
    assert "unexported" in found[0].message and "still stored" in found[1].message
    assert "not flattened" in found[2].message and "naming:snake_case" in found[3].message


# TS4xx: AWS limits


def gsis(count: int, prefix: str = "gsi") -> list:
    return [field(f"F{i}", tag=f"index:{prefix}-{i:02d}", line=10 + i) for i in range(count)]


def test_too_many_gsis_counts_the_union_over_a_shared_table():
    table = env_table("APP_TABLE_NAME")
    a = model("A", ID, *gsis(15), table=table, line=1)
    b = model("B", ID, *gsis(6, "other"), table=table, line=40)
    found = only(TooManyGsis, scan(a, b))
    assert found.line == 1 and "21 GSIs" in found.message and "at most 20" in found.message
    assert findings(TooManyGsis, scan(model("A", ID, *gsis(20)))) == []


def test_too_many_lsis():
    sk = field("At", tag="sk")
    lsis = [field(f"L{i}", tag=f"lsi:lsi-{i}") for i in range(6)]
    assert "6 LSIs" in only(TooManyLsis, scan(model("A", ID, sk, *lsis))).message
    assert findings(TooManyLsis, scan(model("A", ID, sk, *lsis[:5]))) == []


def test_lsi_without_sort_key():
    found = only(LsiWithoutSortKey, scan(model("Order", ID, field("At", tag="lsi:lsi-at", line=3))))
    assert found.line == 3 and "does not have a range key" in found.message
    assert findings(LsiWithoutSortKey, scan(model("Order", ID, field("S", tag="sk"), field("At", tag="lsi:lsi-at")))) == []
    no_own_sk = only(LsiWithoutSortKey, scan(model("Order", ID, field("S", tag="sk"), field("At", tag="index:lsi-at", line=4))))
    assert no_own_sk.line == 4 and no_own_sk.message == "local secondary index 'lsi-at' of Order has no sort key"


def test_invalid_resource_names():
    literal = TableRef(source="literal", name="orders:v2", location=Location(FILE, 30, 9))
    order = model("Order", ID, field("S", tag="index:by status", line=3), field("T", tag="index:ok-name"), table=literal)
    assert sorted(lines(InvalidResourceName, scan(order))) == [3, 30]
    assert lines(InvalidResourceName, scan(model("A", ID, line=7))) == [7]  # pluralised "As" is too short
    assert findings(InvalidResourceName, scan(model("A", ID, table=env_table("X")))) == []


def test_attribute_name_too_long_counts_bytes_of_key_attributes():
    long = "é" * 128  # 256 bytes
    item = model("Item", ID, field("K", tag=f"index:g,attr:{long}", line=3), field("V", tag=f"attr:{long}"))
    assert "256 bytes" in only(AttributeNameTooLong, scan(item)).message


def test_attribute_name_length_counts_raw_bytes_that_are_not_utf8():
    raw = bytes([0xFF]).decode("utf-8", "surrogateescape")  # from an `attr:\xff...` escape in the tag
    key = field("K", tag="pk,attr:k")
    over, under = (type(key)(**{**key.__dict__, "attribute": raw * n}) for n in (256, 255))
    assert "256 bytes" in only(AttributeNameTooLong, scan(model("Item", over))).message
    assert findings(AttributeNameTooLong, scan(model("Item", under))) == []


# TS5xx: tables shared by several models


def test_shared_table_key_conflicts():
    table = env_table("APP_TABLE_NAME")
    user = model("User", field("ID", tag="pk,attr:PK"), field("S", tag="sk,attr:SK"), table=table, line=1)
    order = model("Order", field("OrderID", tag="pk", line=22), field("S", tag="sk,attr:SK"), table=table, line=20)
    alone = model("Invoice", field("N", "int64", "pk"), line=40)
    found = only(SharedTableKeyConflict, scan(user, order, alone))
    assert found.line == 22
    assert "partition key: orderID (S) here, PK (S) in User (models.go:1)" in found.message


def test_shared_index_conflicts():
    table = env_table("APP_TABLE_NAME")
    user = model("User", ID, field("Email", tag="index:gsi1,attr:gsi1pk"), table=table, line=1)
    order = model("Order", ID, field("Status", tag="index:gsi1", line=23), table=table, line=20)
    same = model("Item", ID, field("Email", tag="index:gsi1,attr:gsi1pk"), table=table, line=30)
    found = only(SharedIndexConflict, scan(user, order, same))
    assert found.line == 23 and "GSI status (S) / none here, GSI gsi1pk (S) / none in User" in found.message


def test_attribute_type_conflicts_between_different_roles():
    table = env_table("APP_TABLE_NAME")
    user = model("User", ID, field("Email", tag="index:gsi1,attr:gsi1pk"), table=table, line=1)
    order = model("Order", ID, field("Number", "int64", "index:gsi2,attr:gsi1pk", line=23), table=table, line=20)
    found = only(AttributeTypeConflict, scan(user, order))
    assert found.line == 23 and "'gsi1pk' is N as index gsi2 pk of Order but S as index gsi1 pk of User" in found.message
    # the same role with two types is TS501's finding, not this rule's
    retyped = model("Order", field("ID", "int64", "pk"), table=table, line=20)
    assert findings(AttributeTypeConflict, scan(user, retyped)) == []


# TS6xx: table names


def test_unresolved_table_name_shows_the_expression():
    table = TableRef(source="unresolved", expr="naming.ResourceNameFromEnv(\"events\")", location=Location(FILE, 30, 9))
    found = only(UnresolvedTableName, scan(model("Event", ID, table=table)))
    assert found.line == 30 and 'naming.ResourceNameFromEnv("events")' in found.message


def test_env_fallback_names_the_variable_and_the_fallback():
    found = only(EnvFallbackPluralised, scan(model("Thing", ID, table=env_table("THINGS_TABLE_NAME"))))
    assert found.line == 30 and "$THINGS_TABLE_NAME" in found.message and "'Things'" in found.message
    with_fallback = TableRef(source="env", env="THINGS_TABLE_NAME", name="things", default_name="Things")
    assert findings(EnvFallbackPluralised, scan(model("Thing", ID, table=with_fallback))) == []


@pytest.mark.parametrize(("env", "reported"), [("RATELIMITTABLE_TABLE_NAME", False), ("RATE_LIMIT_TABLE_NAME", True),
                                               ("ORDERS", True)])
def test_env_var_convention_is_opt_in(env, reported):
    assert EnvVarConvention.enabled_by_default is False
    assert bool(findings(EnvVarConvention, scan(model("Thing", ID, table=env_table(env))))) is reported
