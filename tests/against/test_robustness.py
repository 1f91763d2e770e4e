"""Whatever a template holds, the against checks report findings or a plan: they never crash."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tagscan.against.check import issues
from tagscan.against.diff import plan_templates
from tagscan.against.loader import LoadedTemplate

NAMES = st.sampled_from(
    ["tenantID", "orderID", "status", "customerID", "Orders", "customers", "OrdersTable", "gsi-status"]
)
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-2, 2), NAMES, st.sampled_from(["S", "N", "B", "HASH", "RANGE", "ALL"])
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(
            st.sampled_from(
                [
                    "Ref",
                    "Fn::GetAtt",
                    "Fn::ImportValue",
                    "Fn::Sub",
                    "AttributeName",
                    "AttributeType",
                    "KeyType",
                    "IndexName",
                    "KeySchema",
                    "Key",
                    "Value",
                ]
            ),
            inner,
            max_size=3,
        ),
    ),
    max_leaves=12,
)
TABLE_PROPERTIES = st.fixed_dictionaries(
    {},
    optional={
        key: VALUES
        for key in (
            "AttributeDefinitions",
            "KeySchema",
            "GlobalSecondaryIndexes",
            "LocalSecondaryIndexes",
            "TimeToLiveSpecification",
            "TableName",
            "Tags",
            "StreamSpecification",
            "Replicas",
        )
    },
)
RESOURCE = st.one_of(
    VALUES,
    st.fixed_dictionaries(
        {
            "Type": st.sampled_from(["AWS::DynamoDB::Table", "AWS::DynamoDB::GlobalTable", "AWS::Lambda::Function"]),
            "Properties": st.one_of(TABLE_PROPERTIES, VALUES, st.fixed_dictionaries({"Environment": VALUES})),
        },
        optional={"Metadata": VALUES, "DeletionPolicy": VALUES},
    ),
)
TEMPLATE = st.fixed_dictionaries(
    {"Resources": st.dictionaries(st.one_of(NAMES, st.integers(0, 3)), RESOURCE, max_size=4)},
    optional={"Outputs": st.dictionaries(NAMES, VALUES, max_size=2)},
)


@settings(max_examples=100, deadline=None)
@given(old=TEMPLATE, new=TEMPLATE)
def test_arbitrary_templates_never_crash_the_checks_or_the_plan(shop, old, new):
    first, second = LoadedTemplate("old.json", "old", old), LoadedTemplate("new.json", "new", new)
    issues(shop, (first, second))
    plan_templates((first,), (second,))
