"""``RateLimitTable`` and ``IdempotencyTable``: tables defined by the Go models bundled in ``cdk_bridge/models``.

The keys, indexes and TTL come from scanning those models with tagscan, under the naming
convention the ORM will write with, so the table always fits what the code stores.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from importlib import resources
from typing import Any, ClassVar, TypedDict, Unpack, get_args

from aws_cdk import RemovalPolicy
from aws_cdk import aws_dynamodb as dynamodb
from constructs import Construct

import tagscan
from cdk_bridge.constructs.errors import InvalidPropsError
from cdk_bridge.constructs.model_layout import model_table_layout
from cdk_bridge.constructs.props import AutoScalingConfig
from cdk_bridge.constructs.table import DynamORMTable
from tagscan.model import Model, Naming

NAMING_CONTEXT_KEY = "dynamorm:naming"
DEFAULT_NAMING: Naming = "camelCase"

_MODELS = resources.files("cdk_bridge") / "models"
RATE_LIMIT_MODEL_SOURCE: str = (_MODELS / "ratelimit.go").read_text(encoding="utf-8")
IDEMPOTENCY_MODEL_SOURCE: str = (_MODELS / "idempotency.go").read_text(encoding="utf-8")


class TableOptions(TypedDict, total=False):
    """The ``DynamORMTable`` props a pattern table takes; keys, indexes and TTL come from its model."""

    stream_view_type: dynamodb.StreamViewType
    multi_tenant: bool
    auto_scaling: AutoScalingConfig
    table_name: str
    env_var: str
    removal_policy: RemovalPolicy
    deletion_protection: bool
    point_in_time_recovery: bool
    billing_mode: dynamodb.BillingMode
    table_props: dynamodb.TableProps | Mapping[str, Any]


def resolve_naming(scope: Construct, naming: str | None) -> Naming:
    """``naming`` if given, else the ``dynamorm:naming`` context seen from ``scope``, else camelCase."""
    value = naming if naming is not None else scope.node.try_get_context(NAMING_CONTEXT_KEY)
    if value is None:
        return DEFAULT_NAMING
    allowed: tuple[Naming, ...] = get_args(Naming)
    for convention in allowed:
        if value == convention:
            return convention
    raise InvalidPropsError(f"naming {value!r} is not one of {', '.join(allowed)}")


@functools.cache
def bundled_models(naming: Naming) -> dict[str, Model]:
    """The bundled Go models by struct name, as the ORM registers them under ``naming``."""
    with resources.as_file(_MODELS) as directory:
        result = tagscan.scan(directory, naming=naming)
    return {model.name: model for model in result.models}


class _BundledModelTable(DynamORMTable):
    go_struct: ClassVar[str]
    tag_model_name: ClassVar[str]  # the seed's ModelName tag and physical-name prefix

    def __init__(
        self, scope: Construct, id: str, *, naming: str | None = None, **options: Unpack[TableOptions]
    ) -> None:
        unknown = sorted(options.keys() - TableOptions.__optional_keys__)
        if unknown:
            raise TypeError(
                f"{type(self).__name__} got unexpected keyword arguments {unknown} "
                "(its model name, keys, indexes and TTL come from its Go model)"
            )
        self.model: Model = bundled_models(resolve_naming(scope, naming))[self.go_struct]
        super().__init__(scope, id, model_name=self.tag_model_name, **model_table_layout(self.model), **options)


class RateLimitTable(_BundledModelTable):
    """The table of the bundled ``RateLimitRecord`` model (``RATE_LIMIT_MODEL_SOURCE``).

    Under ``verbatim`` naming it is the seed's table (``Identifier``/``WindowTime``, GSIs
    ``gsi-ip``, ``gsi-user``, ``gsi-tenant``, TTL ``ExpiresAt``); under the ORM's default
    camelCase the attributes are ``identifier``, ``windowTime``, ``ipAddress``, ...

    :param naming: ``camelCase``, ``snake_case`` or ``verbatim``; default: the ``dynamorm:naming``
        context, else camelCase.
    :param options: the other ``DynamORMTable`` props (``TableOptions``).
    """

    go_struct = "RateLimitRecord"
    tag_model_name = "RateLimit"


class IdempotencyTable(_BundledModelTable):
    """The table of the bundled ``IdempotencyRecord`` model (``IDEMPOTENCY_MODEL_SOURCE``).

    Under ``verbatim`` naming it is the seed's table (``IdempotencyKey``/``SK``, GSIs
    ``gsi-function``, ``gsi-status``, TTL ``ExpiresAt``). Parameters as ``RateLimitTable``.
    """

    go_struct = "IdempotencyRecord"
    tag_model_name = "Idempotency"
