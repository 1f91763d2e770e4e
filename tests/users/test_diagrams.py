"""`tagscan scan --format mermaid|markdown`: the ER diagram renders with the real Mermaid CLI,
and the Markdown table has one row per table."""

from __future__ import annotations

import json
import os
import pathlib
import shutil
import struct
from dataclasses import replace

import pytest

from tagscan.cli import app
from tagscan.export.markdown import render_markdown
from tagscan.export.mermaid import render_mermaid
from tagscan.model import KeyAttribute
from tests.conftest import FIXTURES, ROOT
from tests.users.conftest import npm_tool, run
from tests.users.ir import users_and_orders

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def puppeteer_config(tmp_path_factory: pytest.TempPathFactory) -> pathlib.Path:
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.fail("Debian's chromium is missing: run `make test-deps` (tests/setup/install-test-deps.sh)")
    args = ["--headless", "--disable-gpu", "--disable-background-networking"]
    if os.geteuid() == 0:
        args.insert(0, "--no-sandbox")  # Chromium refuses to run as root inside its sandbox
    path = tmp_path_factory.mktemp("puppeteer") / "puppeteer.json"
    path.write_text(json.dumps({"executablePath": chromium, "args": args}), encoding="utf-8")
    return path


def render(diagram: str, image: pathlib.Path, config: pathlib.Path) -> bytes:
    """Render with mmdc (the output type follows the suffix); fails on a Mermaid syntax error."""
    source = image.with_suffix(".mmd")
    source.write_text(diagram, encoding="utf-8")
    result = run([npm_tool("mmdc"), "--puppeteerConfigFile", config, "-i", source, "-o", image])
    assert result.returncode == 0, result.stderr
    return image.read_bytes()


def png_size(data: bytes) -> tuple[int, int]:
    assert data.startswith(PNG_SIGNATURE)
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@pytest.mark.slow
def test_the_fixture_models_diagram_renders_to_a_png(tmp_path, runner, puppeteer_config):
    result = runner.invoke(app, ["scan", str(FIXTURES / "models"), "--format", "mermaid"])
    assert result.exit_code == 0, result.output
    width, height = png_size(render(result.stdout, tmp_path / "models.png", puppeteer_config))
    assert width > 2 * height > 0  # three tables side by side, each with its model below
    svg = render(result.stdout, tmp_path / "models.svg", puppeteer_config).decode()
    for text in ("table env RATELIMITTABLE_TABLE_NAME", "RateLimitRecord", "windowTime", "GSI gsi-ip partition key",
                 "IdempotencyRecord", "Event", "TTL, epoch seconds"):
        assert text in svg


@pytest.mark.slow
def test_attribute_names_that_are_mermaid_keywords_or_odd_still_render(tmp_path, puppeteer_config):
    scan = users_and_orders()
    odd = KeyAttribute(field="Key", attribute="uk-#1 \"x\"", type="S", go_type="string")
    tables = tuple(replace(t, sort_key=odd) if t.key == "orders" else t for t in scan.tables)
    odd_name = 'fmt.Sprintf("%s\\orders",os.Getenv("STAGE"))'
    models = tuple(replace(m, table=replace(m.table, name=odd_name)) if m.table.name == "orders" else m for m in scan.models)
    tables = tuple(replace(t, key=odd_name, name=odd_name) if t.key == "orders" else t for t in tables)
    diagram = render_mermaid(replace(scan, tables=tables, models=models))
    assert "％s＼orders" in diagram and "Refund" in diagram
    assert "`PK` PK" in diagram
    png_size(render(diagram, tmp_path / "odd.png", puppeteer_config))


def test_the_diagram_shows_keys_indexes_ttl_and_models_of_each_table():
    diagram = render_mermaid(users_and_orders())
    assert diagram.startswith("erDiagram\n")
    assert 'table-1["table env USERS_TABLE (fallback \'users\')"] {' in diagram
    assert '        S `id` PK "partition key"' in diagram
    assert '        S `createdAt` "LSI lsi-created sort key"' in diagram
    assert '        N `ttl` "TTL, epoch seconds"' in diagram
    assert '    table-2 ||--o{ Order : "stores"' in diagram and '    table-2 ||--o{ Refund : "stores"' in diagram


def test_the_markdown_table_has_one_row_per_table():
    text = render_markdown(users_and_orders())
    rows = [line for line in text.splitlines() if line.startswith("| ")]
    assert rows[0] == "| Table | Models | Partition key | Sort key | Indexes | TTL |"
    assert rows[2].startswith('| env USERS_TABLE (fallback "users") | User | id (S) | SK (S) | GSI gsi-email (email)<br>LSI ')
    assert rows[3] == '| "orders" | Order, Refund | PK (S) | SK (S) |  |  |'
    assert len(rows) == 4


def test_a_pipe_in_a_name_does_not_break_the_markdown_table():
    scan = users_and_orders()
    models = tuple(replace(m, table=replace(m.table, name="a|b")) if m.table.name == "orders" else m for m in scan.models)
    tables = tuple(replace(t, key="a|b", name="a|b") if t.key == "orders" else t for t in scan.tables)
    row = render_markdown(replace(scan, models=models, tables=tables)).splitlines()[5]
    assert row.startswith('| "a\\|b" | Order, Refund |')


def test_the_readme_picture_is_of_the_current_fixture_models(runner):
    result = runner.invoke(app, ["scan", str(FIXTURES / "models"), "--format", "mermaid"])
    # docs/img/models.png is rendered from docs/img/models.mmd; regenerate both when this fails:
    #   tagscan scan fixtures/models --format mermaid > docs/img/models.mmd
    #   mmdc -i docs/img/models.mmd -o docs/img/models.png --scale 2 -b white
    assert result.stdout == (ROOT / "docs" / "img" / "models.mmd").read_text(encoding="utf-8")


def test_models_of_one_name_in_two_packages_are_two_entities():
    scan = users_and_orders()
    refund = next(m for m in scan.models if m.name == "Refund")
    other = replace(refund, name="Order", package="billing")
    tables = tuple(replace(t, models=("Order", "Order")) if t.key == "orders" else t for t in scan.tables)
    scan = replace(scan, models=tuple(m for m in scan.models if m is not refund) + (other,), tables=tables)
    diagram = render_mermaid(scan)
    assert '||--o{ BillingOrder : "stores"' in diagram and '||--o{ ModelsOrder : "stores"' in diagram
