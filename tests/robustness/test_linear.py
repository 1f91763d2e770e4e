"""Linear time and bounded waits: what an input holds can make tagscan do more work, never
work that grows faster than the input, nor wait for ever."""

from __future__ import annotations

import http.server
import json
import os
import pathlib
import re
import resource
import socket
import subprocess
import threading
import time

import pytest

from tests.conftest import run_tagscan

MODEL = 'package app\n\ntype Order struct {\n\tCustomerID string `dynamorm:"pk"`\n}\n'


def tagscan(cwd: pathlib.Path, *args: str, timeout: float = 60) -> tuple[subprocess.CompletedProcess[str], float]:
    """The finished command and the CPU seconds it used (the machine may be shared: wall time varies)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = run_tagscan(*args, cwd=cwd, env={"NO_COLOR": "1"}, timeout=timeout)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    assert "Traceback" not in done.stderr, done.stderr
    return done, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


# --- go.mod (item 8) -------------------------------------------------------------------------------


def test_a_go_mod_with_100k_blank_lines_parses_in_well_under_a_second(tmp_path):
    from tagscan.scanner.files import parse_go_mod

    blank = "\n" * 100_000
    (tmp_path / "go.mod").write_text(
        f"{blank}module example.com/orders{blank}\ngo 1.22\n{blank}require (\n{blank}"
        f"\tgithub.com/pay-theory/dynamorm v1.0.30\n{blank})\n"
    )
    started = time.monotonic()
    gomod = parse_go_mod(tmp_path / "go.mod")
    assert time.monotonic() - started < 1.0  # the backtracking regex took minutes; the bound leaves room for a loaded machine
    assert (gomod.module, gomod.orm_module, gomod.orm_version) == ("example.com/orders", "github.com/pay-theory/dynamorm", "v1.0.30")


# --- YAML aliases are followed once (item 9) -------------------------------------------------------

BILLION_LAUGHS = "\n".join(
    ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    + [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 10)]
    + ["Resources:", "  Table:", "    Type: AWS::DynamoDB::Table", "    Properties: *a9", ""]
)


def test_a_billion_laughs_template_is_an_input_error_in_under_a_second(tmp_path):
    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "order.go").write_text(MODEL)
    (tmp_path / "laughs.yaml").write_text(BILLION_LAUGHS)
    done, seconds = tagscan(tmp_path, "lint", "models", "--against", "laughs.yaml", timeout=60)
    assert done.returncode == 2
    assert re.fullmatch(r"tagscan: error: laughs.yaml: not a CloudFormation template \(its YAML aliases expand to [\d,]{13,} values\)\n", done.stderr)
    assert seconds < 3  # the interpreter's start and the scan; the check itself takes milliseconds


def test_aliases_a_template_repeats_are_fine(tmp_path):
    from tagscan.against import load_templates

    attributes = "[{AttributeName: id, AttributeType: S}]"
    text = f"Shared: &keys {attributes}\nResources:\n" + "".join(
        f"  T{i}:\n    Type: AWS::DynamoDB::Table\n    Properties:\n      AttributeDefinitions: *keys\n" for i in range(300)
    )
    (tmp_path / "t.yaml").write_text(text)
    (template,) = load_templates([tmp_path / "t.yaml"])
    assert len(template.resources) == 300


# --- JSON templates: resource positions in one pass (item 10) --------------------------------------


def big_template(resources: int) -> str:
    """A template of a service with many tables, each with a key, an index, tags and an output
    (indent=1, as `cdk synth` writes them)."""
    template: dict = {"Resources": {}, "Outputs": {}}
    for i in range(resources):
        table = f"Tenant{i:05d}OrdersTable"
        template["Resources"][table] = {
            "Type": "AWS::DynamoDB::Table",
            "Properties": {
                "TableName": f"tenant-{i:05d}-orders",
                "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
                "AttributeDefinitions": [{"AttributeName": n, "AttributeType": "S"} for n in ("pk", "sk", "status")],
                "GlobalSecondaryIndexes": [{"IndexName": "by-status", "KeySchema": [{"AttributeName": "status", "KeyType": "HASH"}],
                                            "Projection": {"ProjectionType": "ALL"}}],
                "BillingMode": "PAY_PER_REQUEST",
                "Tags": [{"Key": "tenant", "Value": f"{i:05d}"}],
            },
            "UpdateReplacePolicy": "Retain", "DeletionPolicy": "Retain",
            "Metadata": {"aws:cdk:path": f"Tenants/{table}/Resource"},
        }
    return json.dumps(template, indent=1)


def test_a_20k_resource_template_loads_in_a_few_seconds_with_every_position(tmp_path):
    from tagscan.against import load_templates

    text = big_template(20_000)
    assert len(text) > 7_000_000
    (tmp_path / "tenants.template.json").write_text(text)
    started = time.process_time()
    (template,) = load_templates([tmp_path / "tenants.template.json"])
    assert time.process_time() - started < 5  # it took 90 s when each resource was searched for from the top
    lines = text.splitlines()
    for logical_id in ("Tenant00000OrdersTable", "Tenant12345OrdersTable", "Tenant19999OrdersTable"):
        line, column = template.position_of(logical_id)
        assert lines[line - 1][column - 1:].startswith(f'"{logical_id}": {{')


# --- tagscan local: a total deadline, one line for a server that is not DynamoDB (item 11) ---------


def models_dir(root: pathlib.Path) -> pathlib.Path:
    (root / "models").mkdir()
    (root / "models" / "order.go").write_text(MODEL)
    return root / "models"


@pytest.mark.slow  # a server on loopback that never answers, and a 2 s wait for the deadline
def test_an_endpoint_that_never_answers_ends_at_the_deadline(tmp_path):
    pytest.importorskip("boto3")
    models_dir(tmp_path)
    with socket.socket() as silent:  # accepts connections (the backlog) and never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        endpoint = f"http://127.0.0.1:{silent.getsockname()[1]}"
        started = time.monotonic()
        done, _ = tagscan(tmp_path, "local", "--endpoint", endpoint, "models", "--timeout", "2", timeout=60)
    assert done.returncode == 2
    assert done.stderr == f"tagscan: error: {endpoint}: no answer within 2 s (--timeout)\n"
    assert time.monotonic() - started < 20  # the start of Python and boto3, then 2 s (botocore alone: 2 x 30 s)


class WebPage(http.server.BaseHTTPRequestHandler):
    def do_POST(self) -> None:  # noqa: N802 - the name http.server calls
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        page = b"<!DOCTYPE html>\n<html><head><title>Welcome to nginx!</title></head>\n<body>" + b"<p>hi</p>" * 500 + b"</body></html>\n"
        self.send_response(404)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(page)))
        self.end_headers()
        self.wfile.write(page)

    def log_message(self, *_: object) -> None:
        pass


@pytest.mark.slow  # a web server on loopback
def test_a_web_server_is_not_a_dynamodb_endpoint_in_one_line(tmp_path):
    pytest.importorskip("boto3")
    models_dir(tmp_path)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), WebPage)
    serving = threading.Thread(target=server.serve_forever, daemon=True)
    serving.start()
    try:
        endpoint = f"http://127.0.0.1:{server.server_address[1]}"
        done, _ = tagscan(tmp_path, "local", "--endpoint", endpoint, "models", timeout=60)
    finally:
        server.shutdown()
        server.server_close()
    assert done.returncode == 2
    assert done.stderr == (
        f"tagscan: error: {endpoint} is not a DynamoDB endpoint: it answered HTTP 404 (text/html): '<!DOCTYPE html>'\n"
    )


# --- nesting is bounded by explicit limits, never a RecursionError (item 13) -----------------------


def deep_tree(root: pathlib.Path, levels: int) -> pathlib.Path:
    """`levels` directories one inside the other, with a model at the bottom (made level by level:
    the whole path is longer than some calls accept)."""
    here = os.getcwd()
    try:
        os.chdir(root)
        for _ in range(levels):
            os.mkdir("d")
            os.chdir("d")
        pathlib.Path("order.go").write_text(MODEL)
    finally:
        os.chdir(here)
    return root / "d"


def remove_deep_tree(top: pathlib.Path) -> None:
    """Remove a tree deeper than shutil.rmtree (and pytest's clean-up) can recurse: bottom up."""
    here = os.getcwd()
    try:
        os.chdir(top)
        depth = 0
        while os.path.isdir("d"):
            os.chdir("d")
            depth += 1
        for _ in range(depth):
            for name in os.listdir("."):
                os.unlink(name)
            os.chdir("..")
            os.rmdir("d")
    finally:
        os.chdir(here)


@pytest.fixture
def deep_directory(tmp_path: pathlib.Path):
    deep_tree(tmp_path, 1500)
    yield tmp_path
    remove_deep_tree(tmp_path)


def test_a_1500_deep_directory_is_an_input_error_in_seconds(deep_directory):
    tmp_path = deep_directory
    done, seconds = tagscan(tmp_path, "scan", "d", timeout=60)
    assert done.returncode == 2
    assert done.stderr == "tagscan: error: d: directories nested more than 128 levels deep\n"
    assert seconds < 5


def test_a_tree_as_deep_as_the_limit_is_scanned(tmp_path):
    deep_tree(tmp_path, 127)
    done, _ = tagscan(tmp_path, "scan", "d", "--format", "json")
    assert done.returncode == 0, done.stderr
    assert [m["name"] for m in json.loads(done.stdout)["models"]] == ["Order"]


TABLE_NAMES = {
    "parentheses": "(" * 3000 + '"Orders"' + ")" * 3000,
    "a + chain": '"a" + ' * 3000 + '"Orders"',
}


@pytest.mark.parametrize("expression", TABLE_NAMES.values(), ids=TABLE_NAMES.keys())
def test_a_table_name_nested_thousands_deep_is_not_followed(tmp_path, expression):
    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "order.go").write_text(MODEL + f"\nfunc (Order) TableName() string {{ return {expression} }}\n")
    done, _ = tagscan(tmp_path, "lint", "models", "--format", "json")
    assert done.returncode in (0, 1), done.stderr
    assert [f["rule"] for f in json.loads(done.stdout)["findings"]] == ["TS601"]


NESTED_TEMPLATES = {
    "deep.yaml": ("Resources:\n  T:\n    Type: AWS::DynamoDB::Table\n    Properties: " + "[" * 5000 + "]" * 5000 + "\n",
                  "tagscan: error: deep.yaml:4: not valid YAML: collections nested more than 100 levels deep\n"),
    "deep.json": ('{"Resources": {"T": {"Type": "AWS::DynamoDB::Table", "Properties": ' + "[" * 100_000 + "]" * 100_000 + "}}}",
                  "tagscan: error: deep.json: not a CloudFormation template (arrays or objects nested too deeply)\n"),
}


@pytest.mark.parametrize("name", NESTED_TEMPLATES)
def test_a_template_nested_thousands_deep_is_an_input_error(tmp_path, name):
    text, message = NESTED_TEMPLATES[name]
    models_dir(tmp_path)
    (tmp_path / name).write_text(text)
    done, _ = tagscan(tmp_path, "lint", "models", "--against", name)
    assert done.returncode == 2
    assert done.stderr == message


def test_a_configuration_nested_thousands_deep_is_an_input_error(tmp_path):
    models_dir(tmp_path)
    (tmp_path / "tagscan.toml").write_text("select = " + "[" * 5000 + "]" * 5000 + "\n")
    done, _ = tagscan(tmp_path, "lint", "models")
    assert done.returncode == 2
    assert done.stderr == f"tagscan: error: {tmp_path / 'tagscan.toml'}: invalid TOML: arrays or inline tables nested too deeply\n"
