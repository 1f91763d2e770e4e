"""`tagscan local --endpoint URL PATH`: create the models' tables on a DynamoDB-compatible endpoint
(DynamoDB Local, LocalStack, dynalite). Existing tables are compared, never changed or dropped."""

import contextlib
import functools
import os
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from tagscan.cli.app import EXIT_FINDINGS, app, handles_errors
from tagscan.errors import ConfigError, InputError

if TYPE_CHECKING:  # loaded when `local` runs, so other commands start fast
    from tagscan.export.dynamodb import TablePlan

# DynamoDB Local and dynalite accept any credentials; these are used only when none are configured.
_LOCAL_CREDENTIALS = {"aws_access_key_id": "local", "aws_secret_access_key": "local"}


@app.command("local")
@handles_errors
def local_command(
    paths: Annotated[list[Path], typer.Argument(help="Go package directories or .go files.", show_default=False)],
    endpoint: Annotated[str, typer.Option("--endpoint", help="The endpoint URL, e.g. http://localhost:8000.")],
    region: Annotated[str | None, typer.Option(help="Region name (default: $AWS_REGION, else us-east-1).")] = None,
    timeout: Annotated[float, typer.Option("--timeout", min=0.1, help="Seconds the whole command may wait on the endpoint.")] = 30.0,
) -> None:
    """Create the models' tables (with TTL) on a local endpoint; report tables whose schema differs.

    Env-bound table names are read from the environment, as the ORM does. Exit 1 when a table differs.
    """
    from tagscan.export.dynamodb import table_plans
    from tagscan.escaping import escape_controls
    from tagscan.scanner import scan

    plans = table_plans(scan(paths), os.environ)
    client = _client(endpoint, region or os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION") or "us-east-1", timeout)
    differing = 0
    with _deadline(endpoint, timeout):
        for plan in plans:
            outcome, details = _ensure_table(client, plan)
            differing += outcome == "differs"
            typer.echo(escape_controls(f"{outcome:<9} {plan.name} ({plan.origin}; models {', '.join(plan.models)})"))
            for detail in details:
                typer.echo(escape_controls(f"          {detail}"))
    if differing:
        raise typer.Exit(EXIT_FINDINGS)


class _DeadlinePassed(BaseException):
    """Raised by the timer in whatever call waits; a BaseException, so no library's `except
    Exception` retries it away."""


@contextlib.contextmanager
def _deadline(endpoint: str, seconds: float) -> Iterator[None]:
    """The whole conversation with the endpoint ends within ``seconds``, however slowly it answers."""

    def expire(_signum: int, _frame: object) -> None:
        raise _DeadlinePassed

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except _DeadlinePassed:
        raise InputError(f"{endpoint}: no answer within {seconds:g} s (--timeout)") from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _client(endpoint: str, region: str, timeout: float) -> Any:
    try:
        import boto3
        from botocore.config import Config
    except ImportError:
        raise ConfigError("tagscan local needs boto3: pip install 'tagscan[local]'") from None
    if not endpoint.startswith(("http://", "https://")):
        raise ConfigError(f"--endpoint must be an http:// or https:// URL, got {endpoint!r}")
    session = boto3.Session(region_name=region)
    credentials = {} if session.get_credentials() else _LOCAL_CREDENTIALS
    # A local endpoint answers at once or not at all: fail fast instead of retrying for long.
    config = Config(connect_timeout=min(3, timeout), read_timeout=timeout, retries={"mode": "standard", "max_attempts": 2})
    client = session.client("dynamodb", endpoint_url=endpoint, config=config, **credentials)
    client.meta.events.register("before-parse.dynamodb", functools.partial(_refuse_other_servers, endpoint))
    return client


def _refuse_other_servers(endpoint: str, response_dict: dict[str, Any], **_: Any) -> None:
    """DynamoDB (and what emulates it) answers in JSON; anything else (a web server's HTML page,
    a proxy's error) is a wrong endpoint, said in one line: the status and the first line."""
    content_type = response_dict["headers"].get("content-type", "")
    if "json" in content_type:
        return
    body = response_dict["body"][:4096].decode("utf-8", "replace")
    first_line = next((line.strip() for line in body.splitlines() if line.strip()), "")
    shown = first_line if len(first_line) <= 80 else first_line[:77] + "..."
    raise InputError(
        f"{endpoint} is not a DynamoDB endpoint: it answered HTTP {response_dict['status_code']} "
        f"({content_type or 'no content type'}): {shown!r}"
    )


def _ensure_table(client: Any, plan: "TablePlan") -> tuple[str, list[str]]:
    """("created" | "updated" | "unchanged" | "differs", details): create when missing, else
    compare, and enable a missing TTL on a table whose keys and indexes match."""
    from botocore.exceptions import BotoCoreError, ClientError

    from tagscan.export.dynamodb import schema_differences

    try:
        try:
            description = client.describe_table(TableName=plan.name)["Table"]
        except client.exceptions.ResourceNotFoundException:
            client.create_table(**plan.request)
            client.get_waiter("table_exists").wait(TableName=plan.name, WaiterConfig={"Delay": 0.2, "MaxAttempts": 300})
            return "created", _enable_ttl(client, plan)[1]
        differences = schema_differences(plan.request, description) + _ttl_differences(client, plan)
        if differences:
            return "differs", differences
        enabled, notes = _enable_ttl(client, plan)
        return ("updated" if enabled else "unchanged"), notes
    except ClientError as exc:
        raise InputError(f"{plan.name}: {exc}") from None
    except BotoCoreError as exc:
        raise InputError(str(exc)) from None
    except (KeyError, TypeError, AttributeError):  # JSON, but not the shape of DynamoDB's answer
        raise InputError(f"{plan.name}: the endpoint's answer is not DynamoDB's") from None


def _ttl_status(client: Any, name: str) -> tuple[str, str | None]:
    description = client.describe_time_to_live(TableName=name)["TimeToLiveDescription"]
    return description.get("TimeToLiveStatus", "DISABLED"), description.get("AttributeName")


def _ttl_differences(client: Any, plan: "TablePlan") -> list[str]:
    status, attribute = _ttl_status(client, plan.name)
    if status in ("ENABLED", "ENABLING") and plan.ttl_attribute and attribute != plan.ttl_attribute:
        return [f"TTL is on {attribute}, the models need {plan.ttl_attribute}"]
    return []


def _enable_ttl(client: Any, plan: "TablePlan") -> tuple[bool, list[str]]:
    """Enable TTL when the models have one and the table does not: (enabled now, notes)."""
    from botocore.exceptions import ClientError

    if not plan.ttl_attribute or _ttl_status(client, plan.name)[0] in ("ENABLED", "ENABLING"):
        return False, []
    try:
        client.update_time_to_live(
            TableName=plan.name, TimeToLiveSpecification={"AttributeName": plan.ttl_attribute, "Enabled": True}
        )
    except ClientError as exc:
        code = exc.response.get("Error", {}).get("Code", "")
        if "UnknownOperation" in code:  # dynalite has no UpdateTimeToLive
            return False, [f"TTL on {plan.ttl_attribute} not enabled: the endpoint does not support UpdateTimeToLive"]
        raise
    return True, [f"TTL enabled on {plan.ttl_attribute}"]
