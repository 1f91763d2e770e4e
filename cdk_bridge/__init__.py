"""cdk_bridge: AWS CDK constructs for DynamORM/TableTheory models.

``DynamORMTable`` is a table laid out the way a model expects it; the pattern tables take
their layout from the Go models bundled in ``cdk_bridge/models``. See docs/constructs.md.

Names load on first use (PEP 562): ``cdk_bridge.spec`` stays free of ``aws_cdk``, and a
synth that needs only tables does not load the Lambda and API Gateway modules.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_EXPORTS = {
    "InvalidPropsError": "cdk_bridge.constructs.errors",
    "EventDrivenAPI": "cdk_bridge.constructs.event_api",
    "DynamORMFunction": "cdk_bridge.constructs.function",
    "RateLimitedFunction": "cdk_bridge.constructs.function",
    "FunctionKwargs": "cdk_bridge.constructs.function_kwargs",
    "LEADING_KEY_ACTIONS": "cdk_bridge.constructs.multitenant",
    "MultiTenantDynamORMTable": "cdk_bridge.constructs.multitenant",
    "IDEMPOTENCY_MODEL_SOURCE": "cdk_bridge.constructs.patterns",
    "NAMING_CONTEXT_KEY": "cdk_bridge.constructs.patterns",
    "RATE_LIMIT_MODEL_SOURCE": "cdk_bridge.constructs.patterns",
    "IdempotencyTable": "cdk_bridge.constructs.patterns",
    "RateLimitTable": "cdk_bridge.constructs.patterns",
    "TableOptions": "cdk_bridge.constructs.patterns",
    "AutoScalingConfig": "cdk_bridge.constructs.props",
    "DynamORMGSI": "cdk_bridge.constructs.props",
    "DynamORMLSI": "cdk_bridge.constructs.props",
    "DynamORMMigration": "cdk_bridge.constructs.migration",
    "DynamORMTable": "cdk_bridge.constructs.table",
    "DynamORMModelsStack": "cdk_bridge.stack",
}

__all__ = sorted(_EXPORTS)

if TYPE_CHECKING:  # `X as X`: re-exported, for mypy --strict in user code
    from cdk_bridge.constructs.errors import InvalidPropsError as InvalidPropsError
    from cdk_bridge.constructs.event_api import EventDrivenAPI as EventDrivenAPI
    from cdk_bridge.constructs.function import DynamORMFunction as DynamORMFunction
    from cdk_bridge.constructs.function import RateLimitedFunction as RateLimitedFunction
    from cdk_bridge.constructs.function_kwargs import FunctionKwargs as FunctionKwargs
    from cdk_bridge.constructs.migration import DynamORMMigration as DynamORMMigration
    from cdk_bridge.constructs.multitenant import LEADING_KEY_ACTIONS as LEADING_KEY_ACTIONS
    from cdk_bridge.constructs.multitenant import MultiTenantDynamORMTable as MultiTenantDynamORMTable
    from cdk_bridge.constructs.patterns import IDEMPOTENCY_MODEL_SOURCE as IDEMPOTENCY_MODEL_SOURCE
    from cdk_bridge.constructs.patterns import NAMING_CONTEXT_KEY as NAMING_CONTEXT_KEY
    from cdk_bridge.constructs.patterns import RATE_LIMIT_MODEL_SOURCE as RATE_LIMIT_MODEL_SOURCE
    from cdk_bridge.constructs.patterns import IdempotencyTable as IdempotencyTable
    from cdk_bridge.constructs.patterns import RateLimitTable as RateLimitTable
    from cdk_bridge.constructs.patterns import TableOptions as TableOptions
    from cdk_bridge.constructs.props import AutoScalingConfig as AutoScalingConfig
    from cdk_bridge.constructs.props import DynamORMGSI as DynamORMGSI
    from cdk_bridge.constructs.props import DynamORMLSI as DynamORMLSI
    from cdk_bridge.constructs.table import DynamORMTable as DynamORMTable
    from cdk_bridge.stack import DynamORMModelsStack as DynamORMModelsStack


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'cdk_bridge' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])
