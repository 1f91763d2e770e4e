"""``MultiTenantDynamORMTable``: a table whose items are partitioned by tenant, with tenant-scoped grants."""

from __future__ import annotations

import functools

from aws_cdk import aws_iam as iam

from cdk_bridge.constructs.errors import InvalidPropsError
from cdk_bridge.constructs.table import DynamORMTable

# The item-level actions whose requests always carry the partition key values, so that a
# `dynamodb:LeadingKeys` condition really constrains them. Every other action (Scan,
# PartiQL, DescribeTable, DeleteTable, ...) has no leading key, and `ForAllValues` over an
# empty set is true: granting those under the condition would grant them outright.
LEADING_KEY_ACTIONS: tuple[str, ...] = (
    "dynamodb:GetItem",
    "dynamodb:BatchGetItem",
    "dynamodb:Query",
    "dynamodb:PutItem",
    "dynamodb:UpdateItem",
    "dynamodb:DeleteItem",
    "dynamodb:BatchWriteItem",
    "dynamodb:ConditionCheckItem",
)
TENANT_INDEX = "gsi-tenant"
PRINCIPAL_TENANT_TAG = "${aws:PrincipalTag/TenantID}"


class MultiTenantDynamORMTable(DynamORMTable):
    """A ``DynamORMTable`` whose partition key (and ``gsi-tenant`` index key) is the tenant id.

    Takes the ``DynamORMTable`` props. ``tenant_isolation_policy`` is a statement for
    tenant-scoped roles whose ``TenantID`` principal tag names their tenant: ``Query`` and
    ``GetItem`` on the table and its ``gsi-tenant`` index, only for that tenant's keys.
    """

    @functools.cached_property
    def tenant_isolation_policy(self) -> iam.PolicyStatement:
        """The statement to attach to tenant-scoped roles (it is not attached to anything here)."""
        return iam.PolicyStatement(
            effect=iam.Effect.ALLOW,
            actions=["dynamodb:Query", "dynamodb:GetItem"],
            resources=[self.table.table_arn, f"{self.table.table_arn}/index/{TENANT_INDEX}"],
            conditions={"ForAllValues:StringEquals": {"dynamodb:LeadingKeys": [PRINCIPAL_TENANT_TAG]}},
        )

    def grant_tenant_access(self, grantee: iam.IGrantable, tenant_id: str | None = None) -> iam.Grant:
        """Grant ``grantee`` the items of one tenant, or, without ``tenant_id``, full DynamORM access.

        With ``tenant_id``: the item-level actions of ``LEADING_KEY_ACTIONS`` on the table and its
        indexes, where every partition key value of the request equals ``tenant_id``. Scan and
        other actions without a partition key are not granted.
        """
        if tenant_id is None:
            return self.grant_dynamorm_access(grantee)
        if not tenant_id:
            raise InvalidPropsError("grant_tenant_access: tenant_id is empty (omit it to grant access to every tenant)")
        return iam.Grant.add_to_principal(
            grantee=grantee,
            actions=list(LEADING_KEY_ACTIONS),
            resource_arns=[self.table.table_arn, *(f"{self.table.table_arn}/index/{name}" for name in self.index_names)],
            conditions={"ForAllValues:StringEquals": {"dynamodb:LeadingKeys": [tenant_id]}},
        )
