"""``FunctionKwargs``: the ``aws_lambda.Function`` props as keyword arguments, for an IDE and mypy.

The fields of ``aws_lambda.FunctionProps`` of aws-cdk-lib 2.275 (tests/cdk/test_functions.py
checks they are all here). Fields added by a later aws-cdk-lib still reach the function at run
time; a type checker knows them once they are added here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Required, TypedDict

if TYPE_CHECKING:  # the types only: a synth that builds no function loads none of these modules
    import aws_cdk as cdk
    from aws_cdk import aws_codeguruprofiler as codeguruprofiler
    from aws_cdk import aws_ec2 as ec2
    from aws_cdk import aws_iam as iam
    from aws_cdk import aws_lambda as lambda_
    from aws_cdk import aws_logs as logs
    from aws_cdk import aws_sns as sns
    from aws_cdk import aws_sqs as sqs
    from aws_cdk.interfaces import aws_kms as kms_interfaces
    from aws_cdk.interfaces import aws_lambda as lambda_interfaces
    from aws_cdk.interfaces import aws_logs as logs_interfaces


class FunctionKwargs(TypedDict, total=False):
    code: Required[lambda_.Code]
    handler: Required[str]
    runtime: Required[lambda_.Runtime]
    max_event_age: cdk.Duration
    on_failure: lambda_.IDestination
    on_success: lambda_.IDestination
    retry_attempts: float
    adot_instrumentation: lambda_.AdotInstrumentationConfig | Mapping[str, Any]
    allow_all_ipv6_outbound: bool
    allow_all_outbound: bool
    allow_public_subnet: bool
    application_log_level: str
    application_log_level_v2: lambda_.ApplicationLogLevel
    architecture: lambda_.Architecture
    code_signing_config: lambda_interfaces.ICodeSigningConfigRef
    current_version_options: lambda_.VersionOptions | Mapping[str, Any]
    dead_letter_queue: sqs.IQueue
    dead_letter_queue_enabled: bool
    dead_letter_topic: sns.ITopic
    description: str
    durable_config: lambda_.DurableConfig | Mapping[str, Any]
    environment: Mapping[str, str]
    environment_encryption: kms_interfaces.IKeyRef
    ephemeral_storage_size: cdk.Size
    events: Sequence[lambda_.IEventSource]
    filesystem: lambda_.FileSystem
    function_name: str
    initial_policy: Sequence[iam.PolicyStatement]
    insights_version: lambda_.LambdaInsightsVersion
    ipv6_allowed_for_dual_stack: bool
    layers: Sequence[lambda_.ILayerVersion]
    log_format: str
    logging_format: lambda_.LoggingFormat
    log_group: logs_interfaces.ILogGroupRef
    log_removal_policy: cdk.RemovalPolicy
    log_retention: logs.RetentionDays
    log_retention_retry_options: lambda_.LogRetentionRetryOptions | Mapping[str, Any]
    log_retention_role: iam.IRole
    memory_size: float
    params_and_secrets: lambda_.ParamsAndSecretsLayerVersion
    profiling: bool
    profiling_group: codeguruprofiler.IProfilingGroup
    recursive_loop: lambda_.RecursiveLoop
    reserved_concurrent_executions: float
    role: iam.IRole
    runtime_management_mode: lambda_.RuntimeManagementMode
    security_groups: Sequence[ec2.ISecurityGroup]
    snap_start: lambda_.SnapStartConf
    system_log_level: str
    system_log_level_v2: lambda_.SystemLogLevel
    tenancy_config: lambda_.TenancyConfig
    timeout: cdk.Duration
    tracing: lambda_.Tracing
    vpc: ec2.IVpc
    vpc_subnets: ec2.SubnetSelection | Mapping[str, Any]
