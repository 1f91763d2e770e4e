"""`[tool.tagscan]` / `tagscan.toml`: discovery, every key, and clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from tagscan.config import Config, find_config, load_config, read_config
from tagscan.errors import ConfigError


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


FULL = """
select = ["TS2", "TS301"]
ignore = ["TS213"]
naming = "snake_case"
tag-key = "theorydb"
exclude = ["gen", "*_mock.go"]
fail-on = "warning"

[severity]
TS602 = "warning"
unresolved-table-name = "error"

[synth]
stack-name = "Models"
account = "123456789012"
region = "eu-west-1"
billing-mode = "PAY_PER_REQUEST"
pitr = true
deletion-protection = false
tags = { team = "payments" }

[synth.tables.Orders]
billing-mode = "PROVISIONED"
tags = { tier = "gold" }
"""


def test_tagscan_toml_with_every_key(tmp_path):
    config = read_config(write(tmp_path / "tagscan.toml", FULL))
    assert config == Config(
        source=tmp_path / "tagscan.toml",
        select=("TS2", "TS301"),
        ignore=("TS213",),
        severity={"TS602": "warning", "unresolved-table-name": "error"},
        naming="snake_case",
        tag_key="theorydb",
        exclude=("gen", "*_mock.go"),
        fail_on="warning",
        synth={
            "stack-name": "Models", "account": "123456789012", "region": "eu-west-1",
            "billing-mode": "PAY_PER_REQUEST", "pitr": True, "deletion-protection": False,
            "tags": {"team": "payments"},
            "tables": {"Orders": {"billing-mode": "PROVISIONED", "tags": {"tier": "gold"}}},
        },
    )


def test_pyproject_tool_table_is_found_upward_from_the_linted_path(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.tagscan]\nignore = ["TS6"]\n[tool.tagscan.synth]\nregion = "us-east-1"\n')
    models = tmp_path / "svc" / "models"
    write(models / "user.go", "package models\n")
    config = load_config(models)
    assert config.source == tmp_path / "pyproject.toml"
    assert config.ignore == ("TS6",) and config.synth == {"region": "us-east-1"}
    assert load_config(models / "user.go") == config


def test_nearest_wins_tagscan_toml_beats_pyproject_and_pyproject_without_table_is_skipped(tmp_path):
    write(tmp_path / "tagscan.toml", 'fail-on = "info"\n')
    write(tmp_path / "svc" / "pyproject.toml", '[project]\nname = "x"\n')
    (tmp_path / "svc" / "models").mkdir()
    assert find_config(tmp_path / "svc" / "models") == tmp_path / "tagscan.toml"
    write(tmp_path / "svc" / "pyproject.toml", '[tool.tagscan]\nfail-on = "warning"\n')
    assert find_config(tmp_path / "svc" / "models") == tmp_path / "svc" / "pyproject.toml"
    write(tmp_path / "svc" / "tagscan.toml", "")
    assert find_config(tmp_path / "svc" / "models") == tmp_path / "svc" / "tagscan.toml"


def test_no_config_gives_defaults(tmp_path):
    assert find_config(tmp_path) is None  # nothing above pytest's tmp_path either
    assert load_config(tmp_path) == Config()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("selct = []", r"unknown key 'selct'; did you mean 'select'\?"),
        ("[synth]\nstack_name = 'x'", r"unknown key 'synth.stack_name'; did you mean 'stack-name'\?"),
        ("[synth.tables.Orders]\npitrr = true", r"unknown key 'synth.tables.Orders.pitrr'; did you mean 'pitr'\?"),
        ("zzz = 1", r"unknown key 'zzz'; known keys: bindings, exclude, fail-on, "),
        ("select = 'TS2'", r"select: must be a list of strings"),
        ("fail-on = 'fatal'", r"fail-on: must be one of error, warning, info, not 'fatal'"),
        ("naming = 'kebab'", r"naming: must be one of camelCase, snake_case, verbatim"),
        ("tag-key = 'json'", r"tag-key: must be one of dynamorm, theorydb"),
        ("[severity]\nTS2 = 'fatal'", r"severity.TS2: must be one of error, warning, info"),
        ("[synth]\naccount = 123456789012", r"synth.account: must be a string, not an integer"),
        ("[synth]\npitr = 'yes'", r"synth.pitr: must be true or false, not a string"),
        ("[synth]\ntags = { team = 1 }", r"synth.tags.team: must be a string, not an integer"),
        ("synth = 3", r"synth: must be a table"),
        ("select = [", r"invalid TOML"),
    ],
)
def test_mistakes_name_the_file_and_the_key(tmp_path, text, message):
    file = write(tmp_path / "tagscan.toml", text)
    with pytest.raises(ConfigError, match=f"^{file}: .*{message}"):
        load_config(tmp_path)


def test_pyproject_messages_name_the_tool_table(tmp_path):
    write(tmp_path / "pyproject.toml", "[tool.tagscan]\nignor = []\n")
    with pytest.raises(ConfigError, match=r"unknown key 'tool.tagscan.ignor'; did you mean 'ignore'\?"):
        load_config(tmp_path)


def test_explicit_file_that_does_not_exist(tmp_path):
    with pytest.raises(ConfigError, match="configuration file not found"):
        load_config(tmp_path / "nope.toml")


def test_explicit_pyproject_reads_its_tool_table_and_may_lack_one(tmp_path):
    file = write(tmp_path / "pyproject.toml", '[tool.tagscan]\nnaming = "verbatim"\n')
    assert read_config(file).naming == "verbatim"
    write(file, '[project]\nname = "x"\n')
    assert read_config(file) == Config(source=file)
