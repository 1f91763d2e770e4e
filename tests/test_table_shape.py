"""One table shape from the IR: synth, `tagscan local` and `diff` build the same table, and refuse
the same tables for the same reason (hand-built IR, no aws_cdk, no server)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from cdk_bridge.spec import table_specs
from tagscan.against.diff import plan_models
from tagscan.errors import InputError
from tagscan.export.dynamodb import create_table_request
from tagscan.model import Index, Table
from tests.synth.synth_ir import key, scan_of, table

ORDERS = table(
    ("Order",),
    name="orders",
    pk=key("tenantId"),
    sk=key("createdAt", "N"),
    indexes=(
        Index("lsi-status", "LSI", None, key("status")),
        Index("gsi-customer", "GSI", key("customerId"), key("createdAt", "N"), "INCLUDE", ("total",)),
        Index("gsi-sku", "GSI", key("sku"), None, "KEYS_ONLY"),
    ),
    ttl="expiresAt",
)


def test_synth_and_local_build_the_same_keys_indexes_and_attribute_definitions() -> None:
    (spec,) = table_specs(scan_of(ORDERS))
    request = create_table_request(ORDERS, "orders")
    synth = {i.name: ([k.name for k in (i.partition_key, i.sort_key) if k], i.projection) for i in spec.shape.indexes}
    local = {
        i["IndexName"]: ([k["AttributeName"] for k in i["KeySchema"]], i["Projection"]["ProjectionType"])
        for i in request["GlobalSecondaryIndexes"] + request["LocalSecondaryIndexes"]
    }
    # The LSI's partition key is the table's, on both paths.
    assert synth == local == {
        "gsi-customer": (["customerId", "createdAt"], "INCLUDE"),
        "gsi-sku": (["sku"], "KEYS_ONLY"),
        "lsi-status": (["tenantId", "status"], "ALL"),
    }
    assert [(a.name, a.type) for a in spec.shape.attribute_definitions] == [
        (d["AttributeName"], d["AttributeType"]) for d in request["AttributeDefinitions"]
    ] == [("createdAt", "N"), ("customerId", "S"), ("sku", "S"), ("status", "S"), ("tenantId", "S")]


def _without_partition_key(t: Table) -> Table:
    return replace(t, partition_key=None)


def _gsi_without_partition_key(t: Table) -> Table:
    return replace(t, indexes=(Index("gsi-email", "GSI", None, key("email")),))


def _lsi_without_sort_key(t: Table) -> Table:
    return replace(t, indexes=(Index("lsi-status", "LSI", None, None),))


def _one_attribute_two_types(t: Table) -> Table:
    return replace(t, indexes=(Index("gsi-id", "GSI", key("tenantId", "N"), None),))


@pytest.mark.parametrize(
    ("broken", "reason"),
    [
        (_without_partition_key, "no partition key (TS201)"),
        (_gsi_without_partition_key, "index gsi-email has no partition key (TS204)"),
        (_lsi_without_sort_key, "local secondary index lsi-status has no sort key (TS403)"),
        (_one_attribute_two_types, "attribute 'tenantId' is a key of type S and N (TS503)"),
    ],
)
def test_synth_local_and_diff_refuse_a_table_for_the_same_reason(broken, reason: str) -> None:
    bad = broken(ORDERS)
    with pytest.raises(InputError) as synth:
        table_specs(scan_of(bad))
    with pytest.raises(InputError) as local:
        create_table_request(bad, "orders")
    (planned,) = plan_models(scan_of(bad), (), ()).tables
    assert str(synth.value) == str(local.value) == f"table orders (models Order): {reason}"
    assert (planned.action, planned.verdict) == ("invalid", "error")
    assert reason in planned.message
