"""DynamORMFunction, RateLimitedFunction and EventDrivenAPI with their defaults."""

from __future__ import annotations

import pytest
from aws_cdk.assertions import Match, Template

pytestmark = pytest.mark.slow  # jsii starts Node


@pytest.fixture(scope="module")
def defaults(template_of) -> Template:
    return Template.from_json(template_of("function-defaults"))


def _table_id(template: Template, model_name: str, path_prefix: str) -> str:
    tables = template.find_resources(
        "AWS::DynamoDB::Table",
        {"Properties": {"Tags": Match.array_with([{"Key": "ModelName", "Value": model_name}])}},
    )
    [logical_id] = [logical_id for logical_id in tables if logical_id.startswith(path_prefix)]
    return logical_id


def test_rate_limited_function_defaults(defaults):
    table_id = _table_id(defaults, "RateLimit", "Limited")
    defaults.has_resource_properties(
        "AWS::Lambda::Function",
        {
            "Environment": {
                "Variables": {
                    "RATE_LIMIT_WINDOW_SIZE": "60",
                    "RATE_LIMIT_MAX_REQUESTS": "100",
                    "DYNAMORM_LAMBDA_OPTIMIZATIONS": "true",
                    "DYNAMORM_MULTI_TENANT": "false",
                    "RATELIMITTABLE_TABLE_NAME": {"Ref": table_id},
                }
            },
            "Runtime": "provided.al2023",
        },
    )


def test_event_driven_api_wires_both_tables_and_the_bus(defaults):
    event_table = _table_id(defaults, "Event", "Events")
    idempotency_table = _table_id(defaults, "Idempotency", "Events")
    defaults.has_resource_properties(
        "AWS::Lambda::Function",
        {
            "Environment": {
                "Variables": {
                    "EVENT_BUS_NAME": "bus-2",
                    "DYNAMORM_LAMBDA_OPTIMIZATIONS": "true",
                    "DYNAMORM_MULTI_TENANT": "false",
                    "EVENTTABLE_TABLE_NAME": {"Ref": event_table},
                    "IDEMPOTENCYTABLE_TABLE_NAME": {"Ref": idempotency_table},
                }
            },
            "Runtime": "provided.al2023",
        },
    )
    defaults.has_resource_properties("AWS::ApiGateway::Method", {"HttpMethod": "POST", "AuthorizationType": "NONE"})


def test_each_function_gets_dynamorm_access_to_its_tables(defaults):
    for prefix, models in [("Limited", ["RateLimit"]), ("Events", ["Event", "Idempotency"])]:
        for model in models:
            arn = {"Fn::GetAtt": [_table_id(defaults, model, prefix), "Arn"]}
            defaults.has_resource_properties(
                "AWS::IAM::Policy",
                {
                    "PolicyDocument": {
                        "Statement": Match.array_with(
                            [
                                {
                                    "Action": [
                                        "dynamodb:ConditionCheckItem",
                                        "dynamodb:DescribeTable",
                                        "dynamodb:DescribeTimeToLive",
                                    ],
                                    "Effect": "Allow",
                                    "Resource": arn,
                                }
                            ]
                        )
                    }
                },
            )
