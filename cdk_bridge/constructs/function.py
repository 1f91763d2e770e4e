"""Lambda functions wired to DynamORM tables: ``DynamORMFunction`` and ``RateLimitedFunction``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Unpack

from aws_cdk import aws_lambda as lambda_
from constructs import Construct

from cdk_bridge.constructs.errors import InvalidPropsError
from cdk_bridge.constructs.function_kwargs import FunctionKwargs
from cdk_bridge.constructs.patterns import RateLimitTable
from cdk_bridge.constructs.props import struct_kwargs
from cdk_bridge.constructs.table import DynamORMTable


class DynamORMFunction(lambda_.Function):
    """A Lambda function that can use ``dynamorm_tables``: their names in its environment, DynamORM access granted.

    Each table's name goes in the table's ``env_var`` (default ``<ID upper>_TABLE_NAME``),
    next to ``DYNAMORM_LAMBDA_OPTIMIZATIONS`` and ``DYNAMORM_MULTI_TENANT``.

    :param dynamorm_tables: the tables the function reads and writes.
    :param enable_lambda_optimizations: default True.
    :param multi_tenant: default False.
    :param function_props: the ``aws_lambda.Function`` keyword arguments (``runtime``, ``code``,
        ``environment``, ...; typed by ``FunctionKwargs``); the environment gets the variables above.
    """

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        dynamorm_tables: Sequence[DynamORMTable],
        enable_lambda_optimizations: bool | None = None,
        multi_tenant: bool | None = None,
        **function_props: Unpack[FunctionKwargs],
    ) -> None:
        props: dict[str, Any] = dict(function_props)
        table_names: dict[str, str] = {}
        for table in dynamorm_tables:
            if table.env_var in table_names:
                raise InvalidPropsError(
                    f"two tables of function {id!r} use the environment variable {table.env_var}: give one an env_var"
                )
            table_names[table.env_var] = table.table.table_name
        environment = props.pop("environment", None) or {}
        super().__init__(
            scope,
            id,
            environment={
                **environment,
                "DYNAMORM_LAMBDA_OPTIMIZATIONS": "false" if enable_lambda_optimizations is False else "true",
                "DYNAMORM_MULTI_TENANT": "true" if multi_tenant else "false",
                **table_names,
            },
            **props,
        )
        for table in dynamorm_tables:
            table.grant_dynamorm_access(self)


class RateLimitedFunction(Construct):
    """A ``DynamORMFunction`` with its own ``RateLimitTable``.

    :param function_props: the ``aws_lambda.Function`` props: an ``aws_lambda.FunctionProps`` or a
        mapping of its fields (``FunctionKwargs``).
    :param multi_tenant: passed to the table and the function.
    :param window_size: seconds per window, in ``RATE_LIMIT_WINDOW_SIZE``; default 60.
    :param max_requests: requests allowed per window, in ``RATE_LIMIT_MAX_REQUESTS``; default 100.
    """

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        function_props: lambda_.FunctionProps | FunctionKwargs,
        multi_tenant: bool | None = None,
        window_size: int | str | None = None,
        max_requests: int | None = None,
    ) -> None:
        if max_requests is not None and max_requests < 1:
            raise InvalidPropsError(f"max_requests must be at least 1, got {max_requests}")
        super().__init__(scope, id)
        self.rate_limit_table = RateLimitTable(self, "RateLimitTable", multi_tenant=bool(multi_tenant))
        props = struct_kwargs(function_props)
        environment = {
            **(props.pop("environment", None) or {}),
            "RATE_LIMIT_WINDOW_SIZE": str(window_size or 60),
            "RATE_LIMIT_MAX_REQUESTS": str(max_requests or 100),
        }
        self.function = DynamORMFunction(
            self,
            "Function",
            dynamorm_tables=[self.rate_limit_table],
            enable_lambda_optimizations=True,
            multi_tenant=multi_tenant,
            environment=environment,
            **props,
        )
