"""cdk_bridge: AWS CDK constructs for DynamORM/TableTheory models.

``DynamORMTable`` is a table laid out the way a model expects it; the pattern tables take
their layout from the Go models bundled in ``cdk_bridge/models``. See docs/constructs.md.
"""

from cdk_bridge.constructs.errors import InvalidPropsError
from cdk_bridge.constructs.event_api import EventDrivenAPI
from cdk_bridge.constructs.function import DynamORMFunction, RateLimitedFunction
from cdk_bridge.constructs.multitenant import LEADING_KEY_ACTIONS, MultiTenantDynamORMTable
from cdk_bridge.constructs.patterns import (
    IDEMPOTENCY_MODEL_SOURCE,
    NAMING_CONTEXT_KEY,
    RATE_LIMIT_MODEL_SOURCE,
    IdempotencyTable,
    RateLimitTable,
    TableOptions,
)
from cdk_bridge.constructs.props import AutoScalingConfig, DynamORMGSI, DynamORMLSI
from cdk_bridge.constructs.table import DynamORMTable
from cdk_bridge.stack import DynamORMModelsStack

__all__ = [
    "IDEMPOTENCY_MODEL_SOURCE",
    "LEADING_KEY_ACTIONS",
    "NAMING_CONTEXT_KEY",
    "RATE_LIMIT_MODEL_SOURCE",
    "AutoScalingConfig",
    "DynamORMFunction",
    "DynamORMGSI",
    "DynamORMLSI",
    "DynamORMModelsStack",
    "DynamORMTable",
    "EventDrivenAPI",
    "IdempotencyTable",
    "InvalidPropsError",
    "MultiTenantDynamORMTable",
    "RateLimitTable",
    "RateLimitedFunction",
    "TableOptions",
]
