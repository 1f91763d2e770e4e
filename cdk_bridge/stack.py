"""``DynamORMModelsStack``: one ``DynamORMTable`` per table of the scanned Go models."""

from __future__ import annotations

import functools
import os
import warnings
from collections.abc import Mapping, Sequence
from enum import Enum
from typing import Any, TypedDict, cast

from aws_cdk import App, CfnOutput, CloudFormationValidatePlugin, Environment, RemovalPolicy, Stack, Tags, Validations
from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_iam as iam
from constructs import Construct

import tagscan
from cdk_bridge.constructs.model_layout import table_layout
from cdk_bridge.constructs.table import DynamORMTable, seed_table_name
from cdk_bridge.spec import SynthOptions, TableSpec, table_specs
from tagscan.model import ScanResult

ModelsSource = ScanResult | str | os.PathLike[str] | Sequence[str | os.PathLike[str]]
# The settings that are CDK enums; SynthOptions holds their member names.
_ENUMS: dict[str, type[Enum]] = {
    "billing_mode": dynamodb.BillingMode,
    "stream_view_type": dynamodb.StreamViewType,
    "removal_policy": RemovalPolicy,
}


class TableSettingsOverride(TypedDict, total=False):
    """The settings of one table in ``DynamORMModelsStack(table_overrides=...)``."""

    billing_mode: dynamodb.BillingMode
    stream_view_type: dynamodb.StreamViewType
    removal_policy: RemovalPolicy
    deletion_protection: bool
    point_in_time_recovery: bool
    tags: Mapping[str, str]


class DynamORMModelsStack(Stack):
    """A stack with a ``DynamORMTable`` for every table the Go models use.

    :param models: a scan result, or the Go files/directories to scan.
    :param naming: / :param tag_key: passed to ``tagscan.scan`` when ``models`` are paths.
    :param billing_mode: / :param stream_view_type: / :param removal_policy: default: the
        ``DynamORMTable`` defaults (on-demand, NEW_AND_OLD_IMAGES, RETAIN).
    :param deletion_protection: default True for generated stacks.
    :param point_in_time_recovery: default: the ``DynamORMTable`` default (on).
    :param table_tags: tags of every table, in the template (``tags``, as for any ``Stack``, are
        the stack's, which CloudFormation puts on every resource of the stack).
    :param table_overrides: per table, by env var or table name: the same settings
        (``billing_mode``, ..., ``tags``) for that table only.
    :param stack_kwargs: ``Stack`` arguments (``env``, ``stack_name``, ``tags``, ...).

    ``table_environment`` maps each env var the models read through ``os.Getenv`` to its table's
    name; ``tables`` maps env vars (or literal names) to the constructs; ``specs`` is what was
    built. Each table gets a ``CfnOutput`` holding its name; the description names the env var.
    """

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        models: ModelsSource,
        naming: str | None = None,
        tag_key: str | None = None,
        billing_mode: dynamodb.BillingMode | None = None,
        stream_view_type: dynamodb.StreamViewType | None = None,
        removal_policy: RemovalPolicy | None = None,
        deletion_protection: bool = True,
        point_in_time_recovery: bool | None = None,
        table_tags: Mapping[str, str] | None = None,
        table_overrides: Mapping[str, TableSettingsOverride] | None = None,
        **stack_kwargs: Any,
    ) -> None:
        if "tags" in stack_kwargs:
            # `tags` used to tag the tables only; it is Stack's own now (CloudFormation tags the tables too).
            warnings.warn(
                "DynamORMModelsStack(tags=...) are Stack tags now: CloudFormation puts them on every resource "
                "of the stack; pass table_tags=... to tag only the tables, in the template",
                DeprecationWarning,
                stacklevel=2,
            )
        where = f"DynamORMModelsStack {id}"
        # Everything that can be a user mistake is checked before the stack joins the app.
        scan = models if isinstance(models, ScanResult) else tagscan.scan(models, naming=naming, tag_key=tag_key)
        strings: list[str] = []
        settings = {"billing_mode": billing_mode, "stream_view_type": stream_view_type, "removal_policy": removal_policy}
        options = SynthOptions.from_mapping(
            {
                **_member_names(settings, "", strings),
                "deletion_protection": deletion_protection,
                "point_in_time_recovery": point_in_time_recovery,
                "tags": dict(table_tags or {}),
                "tables": {
                    key: _member_names(override, f"table_overrides[{key!r}] ", strings)
                    for key, override in (table_overrides or {}).items()
                },
            },
            where=where,
        )
        if strings:
            warnings.warn(
                f"{where}: {', '.join(strings)}: pass the CDK enum members (dynamodb.BillingMode.PROVISIONED, "
                "RemovalPolicy.DESTROY, ...); strings belong to the command line and the CDK context",
                DeprecationWarning,
                stacklevel=2,
            )
        specs = table_specs(scan, options)
        super().__init__(scope, id, **stack_kwargs)
        self.specs: tuple[TableSpec, ...] = specs
        # Every value read from the stack or a table is a jsii round trip: each is read once.
        account, region = self.account, self.region
        names: dict[str, str] = {}
        self.tables: dict[str, DynamORMTable] = {}
        for spec in specs:
            self.tables[spec.key], names[spec.key] = self._add_table(spec, account, region)
        self.table_environment: dict[str, str] = {
            spec.env: names[spec.key] for spec in sorted(specs, key=lambda s: s.env or "") if spec.env
        }

    def keep_time_to_live_disabled(self, table_key: str, attribute: str) -> None:
        """Write the table's TTL as disabled on ``attribute``: the staged step (``tagscan synth --against``)
        that turns TTL off before it is turned on for another attribute. Dropping the property instead
        is not a reliable way to disable it (aws/aws-cdk#25655)."""
        cfn_table = self.tables[table_key].table.node.default_child
        assert isinstance(cfn_table, dynamodb.CfnTable)
        cfn_table.time_to_live_specification = dynamodb.CfnTable.TimeToLiveSpecificationProperty(
            attribute_name=attribute, enabled=False
        )

    def grant(self, grantee: iam.IGrantable) -> iam.Grant:
        """Grant the ORM's access (items, indexes, condition checks, describe) on every table."""
        grants = [table.grant_dynamorm_access(grantee) for table in self.tables.values()]
        if not grants:
            return iam.Grant.drop(grantee, "DynamORM access to the tables of models that have none")
        return functools.reduce(iam.Grant.combine, grants)

    def _add_table(self, spec: TableSpec, account: str, region: str) -> tuple[DynamORMTable, str]:
        """The table and its name (a token)."""
        settings = spec.settings
        table = DynamORMTable(
            self,
            spec.construct_id,
            model_name=spec.model_name,
            **table_layout(spec.shape),
            table_name=spec.table_name or seed_table_name(spec.model_name, account, region),
            env_var=spec.env,
            stream_view_type=dynamodb.StreamViewType[settings.stream_view_type] if settings.stream_view_type else None,
            removal_policy=RemovalPolicy[settings.removal_policy] if settings.removal_policy else None,
            billing_mode=dynamodb.BillingMode[settings.billing_mode] if settings.billing_mode else None,
            deletion_protection=settings.deletion_protection,
            point_in_time_recovery=settings.point_in_time_recovery,
        )
        _sort_attribute_definitions(table, spec)
        if settings.tags:
            tags = Tags.of(table)
            for key, value in settings.tags:
                tags.add(key, value)
        name = table.table.table_name
        CfnOutput(self, spec.output_id, value=name, description=_output_description(spec))
        return table, name


def stack_from_options(
    scope: Construct, models: ModelsSource, options: SynthOptions, *, naming: str | None = None, tag_key: str | None = None
) -> DynamORMModelsStack:
    """The stack ``tagscan synth`` and ``python -m cdk_bridge`` build: id and name ``options.stack_name``.

    ``options`` hold the settings parsed from the command line or the CDK context; here they
    become the CDK enums the stack takes."""
    env = Environment(account=options.account, region=options.region) if options.account or options.region else None
    kwargs = options.stack_kwargs()
    overrides = {key: cast(TableSettingsOverride, _as_enums(values)) for key, values in kwargs.pop("table_overrides").items()}
    return DynamORMModelsStack(
        scope,
        options.stack_name,
        models=models,
        naming=naming,
        tag_key=tag_key,
        env=env,
        table_overrides=overrides,
        **_as_enums(kwargs),
    )


def start_template_validation(app: App) -> None:
    """Create now the CloudFormation validation plugin that ``app.synth()`` would create.

    Its constructor builds a WebAssembly engine in Node, most of a synth's time. Built before the
    tables, while Node's heap is small, rather than inside ``app.synth()``, the engine and the
    validation cost less (docs/performance.md).
    It is the plugin CDK adds by default, with the same rules: templates and validation report are
    unchanged. Nothing is added where CDK would not validate (``CDK_VALIDATION=false``, which CDK
    itself reads).
    """
    if os.environ.get("CDK_VALIDATION") != "false":
        Validations.of(app).add_plugins(CloudFormationValidatePlugin())


def _sort_attribute_definitions(table: DynamORMTable, spec: TableSpec) -> None:
    # CDK lists attributes in the order keys were added; sorted, the template does not move when
    # an index is added or the Go files are read in another order.
    cfn_table = table.table.node.default_child
    assert isinstance(cfn_table, dynamodb.CfnTable)
    cfn_table.attribute_definitions = [
        dynamodb.CfnTable.AttributeDefinitionProperty(attribute_name=a.name, attribute_type=a.type)
        for a in spec.shape.attribute_definitions
    ]


def _output_description(spec: TableSpec) -> str:
    models = ", ".join(spec.models)
    if spec.env:
        return f"Set {spec.env} to this value: the table of {models}"
    return f"The table of {models} (its name is fixed by the models)"


def _as_enums(settings: Mapping[str, Any]) -> dict[str, Any]:
    """The settings with each enum setting's member name (as SynthOptions holds it) as the member."""
    return {name: _ENUMS[name][value] if name in _ENUMS and value is not None else value for name, value in settings.items()}


def _member_names(settings: Mapping[str, Any], where: str, deprecated: list[str]) -> dict[str, Any]:
    """The settings with each enum member as its name (``RemovalPolicy.RETAIN`` → ``"RETAIN"``).

    A string is taken as the name, as the command line and the CDK context spell it: accepted for
    one release, and listed in ``deprecated``."""
    names = {}
    for name, value in settings.items():
        if isinstance(value, Enum):
            value = value.name
        elif name in _ENUMS and isinstance(value, str):
            deprecated.append(f"{where}{name}={value!r}")
        names[name] = value
    return names
