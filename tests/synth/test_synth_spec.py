"""The pure model → table spec mapping, on hand-built IR (no aws_cdk, no Go)."""

from __future__ import annotations

import dataclasses

import pytest

from cdk_bridge.spec import SynthOptions, TableSettings, construct_id, table_specs
from tagscan.errors import ConfigError, InputError
from tagscan.model import Index
from tests.synth.synth_ir import key, scan_of, table


@pytest.mark.parametrize(
    ("env", "models", "expected"),
    [
        ("RATELIMITTABLE_TABLE_NAME", ("RateLimitRecord",), "RateLimitTable"),
        ("IDEMPOTENCYTABLE_TABLE_NAME", ("IdempotencyRecord",), "IdempotencyTable"),
        ("EVENTTABLE_TABLE_NAME", ("Event",), "EventTable"),
        ("RATE_LIMIT_TABLE", ("RateLimitRecord",), "RateLimitTable"),
        ("ORDERS_TABLE_NAME", ("Order",), "OrdersTable"),  # "s" is no model word: plain PascalCase
        ("USERAPIKEYS_TABLE", ("User", "APIKey"), "UserapikeysTable"),  # a chunk is segmented whole or not at all
        ("USERAPIKEY_TABLE", ("User", "APIKey"), "UserAPIKeyTable"),
        ("MAIN", ("Order",), "MainTable"),
        ("app_orders_table_name", ("Order",), "AppOrdersTable"),
    ],
)
def test_construct_id_from_env_var(env: str, models: tuple[str, ...], expected: str) -> None:
    assert construct_id(table(models, env=env)) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [("rate-limits", "RateLimitsTable"), ("Users", "UsersTable"), ("app.events_v2", "AppEventsV2Table"), ("jobs-table", "JobsTable")],
)
def test_construct_id_from_literal_or_default_name(name: str, expected: str) -> None:
    assert construct_id(table(("X",), name=name)) == expected


def test_ids_are_unique_and_do_not_depend_on_table_order() -> None:
    tables = [table(("Order",), env="ORDERS_TABLE_NAME"), table(("Order2",), name="orders"), table(("Order3",), env="ORDERS_TABLE")]
    ids = [{s.key: s.construct_id for s in table_specs(scan_of(*order))} for order in (tables, tables[::-1])]
    assert ids[0] == ids[1]
    assert sorted(ids[0].values()) == ["OrdersTable", "OrdersTable2", "OrdersTable3"]
    assert ids[0]["ORDERS_TABLE"] == "OrdersTable"  # numbered in key order


def test_spec_carries_keys_indexes_ttl_and_sorted_attribute_definitions() -> None:
    gsi = Index("gsi-type", "GSI", key("eventType"), key("timestamp", "N"))
    lsi = Index("lsi-status", "LSI", None, key("status"))
    t = table(("Event",), env="EVENTTABLE_TABLE_NAME", pk=key("id"), sk=key("timestamp", "N"), indexes=(lsi, gsi), ttl="expiresAt")
    (spec,) = table_specs(scan_of(t))
    assert (spec.construct_id, spec.model_name, spec.env, spec.table_name) == ("EventTable", "Event", "EVENTTABLE_TABLE_NAME", None)
    assert [i.name for i in spec.shape.global_secondary_indexes] == ["gsi-type"]
    assert spec.shape.local_secondary_indexes[0].sort_key.name == "status"
    assert {i.projection for i in (*spec.shape.global_secondary_indexes, *spec.shape.local_secondary_indexes)} == {"ALL"}
    assert [(a.name, a.type) for a in spec.shape.attribute_definitions] == [
        ("eventType", "S"), ("id", "S"), ("status", "S"), ("timestamp", "N")
    ]
    assert spec.shape.ttl_attribute == "expiresAt"
    assert spec.output_id == "EventTableName"


def test_literal_and_default_names_are_used_as_they_are() -> None:
    specs = table_specs(scan_of(table(("User",), name="Users", source="default"), table(("Job",), name="app-jobs")))
    assert {s.construct_id: s.table_name for s in specs} == {"UsersTable": "Users", "AppJobsTable": "app-jobs"}


def test_unresolved_table_stops_synthesis() -> None:
    with pytest.raises(InputError, match="cannot be resolved.*TS601"):
        table_specs(scan_of(table(("Cfg",), source="unresolved")))


def test_a_formatted_table_name_stops_synthesis() -> None:
    formatted = dataclasses.replace(table(("Session",), name=None, source="pattern"), pattern="${STAGE}-sessions", envs=("STAGE",))
    with pytest.raises(InputError, match=r"table name \$\{STAGE\}-sessions is formatted at run time"):
        table_specs(scan_of(formatted))


def test_one_attribute_with_two_key_types_is_refused() -> None:
    t = table(("A", "B"), env="T", pk=key("id"), indexes=(Index("g", "GSI", key("id", "N"), None),))
    with pytest.raises(InputError, match="'id' is a key of type S and N"):
        table_specs(scan_of(t))


def test_options_from_mapping_with_overrides() -> None:
    options = SynthOptions.from_mapping(
        {
            "stack-name": "Shop",
            "region": "eu-west-1",
            "billing-mode": "pay-per-request",
            "pitr": False,
            "tags": {"team": "pay"},
            "tables": {"ORDERS_TABLE_NAME": {"deletion-protection": False, "tags": {"tier": "gold"}}},
        }
    )
    t1, t2 = table(("Order",), env="ORDERS_TABLE_NAME"), table(("User",), name="Users")
    settings = {s.key: s.settings for s in table_specs(scan_of(t1, t2), options)}
    assert options.stack_name == "Shop" and options.region == "eu-west-1" and options.account is None
    assert settings["Users"] == TableSettings(billing_mode="PAY_PER_REQUEST", point_in_time_recovery=False, tags=(("team", "pay"),))
    assert settings["ORDERS_TABLE_NAME"].deletion_protection is False
    assert settings["ORDERS_TABLE_NAME"].billing_mode == "PAY_PER_REQUEST"
    assert settings["ORDERS_TABLE_NAME"].tags == (("team", "pay"), ("tier", "gold"))


def test_defaults_keep_deletion_protection_on() -> None:
    assert SynthOptions.from_mapping({}).settings == TableSettings(deletion_protection=True)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"billing-mode": "FREE"}, "billing-mode: 'FREE' is not one of PAY_PER_REQUEST, PROVISIONED"),
        ({"stack-nme": "x"}, "unknown option.*stack_nme"),
        ({"pitr": "yes"}, "point-in-time-recovery must be true or false"),
        ({"tags": {"a": 1}}, "tags must be a table of strings"),
        ({"tables": {"T": {"colour": "red"}}}, "tables.T: unknown setting.*colour"),
    ],
)
def test_invalid_options_are_config_errors(data: dict, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        SynthOptions.from_mapping(data)


def test_override_for_an_unknown_table_is_a_config_error() -> None:
    options = SynthOptions.from_mapping({"tables": {"NOPE_TABLE": {"pitr": True}}})
    with pytest.raises(ConfigError, match="NOPE_TABLE: no such table; known: ORDERS"):
        table_specs(scan_of(table(("Order",), env="ORDERS")), options)
