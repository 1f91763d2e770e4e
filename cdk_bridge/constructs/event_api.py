"""``EventDrivenAPI``: a REST endpoint whose handler records events, with idempotency."""

from __future__ import annotations

from aws_cdk import aws_apigateway as apigateway
from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_lambda as lambda_
from constructs import Construct

from cdk_bridge.constructs.function import DynamORMFunction
from cdk_bridge.constructs.patterns import IdempotencyTable
from cdk_bridge.constructs.props import DynamORMGSI
from cdk_bridge.constructs.table import DynamORMTable


def _string(name: str) -> dynamodb.Attribute:
    return dynamodb.Attribute(name=name, type=dynamodb.AttributeType.STRING)


class EventDrivenAPI(Construct):
    """``POST /`` on a REST API, handled by a ``DynamORMFunction`` over an event table and an ``IdempotencyTable``.

    :param event_bus_name: passed to the handler as ``EVENT_BUS_NAME``.
    :param code: the handler's code (a ``bootstrap`` executable); the seed hard-coded its path.
    :param runtime: default ``provided.al2`` as in the seed (deprecated by AWS: prefer ``PROVIDED_AL2023``).
    """

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        event_bus_name: str,
        code: lambda_.Code,
        runtime: lambda_.Runtime | None = None,
    ) -> None:
        super().__init__(scope, id)
        self.event_table = DynamORMTable(
            self,
            "EventTable",
            model_name="Event",
            partition_key=_string("EventID"),
            sort_key=_string("Timestamp"),
            stream_view_type=dynamodb.StreamViewType.NEW_AND_OLD_IMAGES,
            global_secondary_indexes=[DynamORMGSI("gsi-type", _string("EventType"), _string("Timestamp"))],
        )
        self.idempotency_table = IdempotencyTable(self, "IdempotencyTable")
        self.handler = DynamORMFunction(
            self,
            "Handler",
            runtime=runtime or lambda_.Runtime.PROVIDED_AL2,
            handler="bootstrap",
            code=code,
            dynamorm_tables=[self.event_table, self.idempotency_table],
            environment={"EVENT_BUS_NAME": event_bus_name},
        )
        self.api = apigateway.RestApi(self, "API")
        self.api.root.add_method("POST", apigateway.LambdaIntegration(self.handler))
