"""cdk_bridge: AWS CDK constructs for DynamORM/TableTheory models.

``DynamORMTable`` is a table laid out the way a model expects it; see docs/constructs.md.
"""

from cdk_bridge.constructs.errors import InvalidPropsError
from cdk_bridge.constructs.props import AutoScalingConfig, DynamORMGSI, DynamORMLSI
from cdk_bridge.constructs.table import DynamORMTable

NAMING_CONTEXT_KEY = "dynamorm:naming"

__all__ = [
    "NAMING_CONTEXT_KEY",
    "AutoScalingConfig",
    "DynamORMGSI",
    "DynamORMLSI",
    "DynamORMTable",
    "InvalidPropsError",
]
