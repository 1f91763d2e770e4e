"""Which ORM release a go.mod pins (orm-versions.md, "Which release a model is read under")."""

from __future__ import annotations

import json
import time

import pytest

import tagscan
from tagscan.cli.app import app
from tagscan.model import OrmRelease
from tagscan.scanner import gomod

TT = "github.com/theory-cloud/tabletheory"
DYNAMORM = "github.com/pay-theory/dynamorm"


def release_of(text: str, imports: tuple[str, ...] = ()) -> OrmRelease:
    return gomod.release(gomod.parse(text), imports)


@pytest.mark.parametrize(
    ("require", "rules"),
    [
        (f"{DYNAMORM} v1.0.30", "1.0.0"),
        (f"{DYNAMORM} v1.0.31-0.20251024120000-abcdefabcdef", "1.0.0"),  # a commit before v1.0.31
        (f"{DYNAMORM} v1.0.31", "1.0.31"),
        (f"{DYNAMORM} v1.3.0-rc.2", "1.0.31"),
        (f"{TT} v1.2.1", "1.0.31"),
        (f"{TT} v1.7.0-rc.1", "1.0.31"),
        (f"{TT} v1.7.0", "1.7.0"),
        (f"{TT} v1.7.1-0.20260201000000-0123456789ab", "1.7.0"),  # a commit after v1.7.0
        (f"{TT}/v2 v2.4.0", "2.0.0"),
        (f"{TT}/v3 v3.0.1", "3.0.0"),
        (f"{TT}/v3 v3.0.6", "3.0.2"),
        (f"{TT}/v4 v4.0.0-20260115120000-abcdef123456", "4.0.0"),  # main: no v4 tag yet
    ],
)
def test_required_version_picks_the_rule_set(require: str, rules: str) -> None:
    module, version = require.split()
    found = release_of(f"module example.com/svc\n\ngo 1.22\n\nrequire (\n\t{require} // indirect\n)\n")
    assert (found.module, found.version, found.rules, found.source) == (module, version, rules, "go.mod")


def test_a_version_replace_counts_and_a_path_replace_is_unknown() -> None:
    base = f"module example.com/svc\nrequire {TT}/v3 v3.0.1\n"
    assert release_of(base + f"replace {TT}/v3 => {TT}/v3 v3.0.6\n") == OrmRelease(f"{TT}/v3", "v3.0.6", "3.0.2", "replace")
    # a replace of another version does not apply
    assert release_of(base + f"replace {TT}/v3 v3.0.5 => {TT}/v3 v3.0.6\n").rules == "3.0.0"
    local = release_of(base + f'replace (\n\t"{TT}/v3" => ../tabletheory\n)\n')
    assert (local.version, local.rules, local.source) == (None, "4.0.0", "assumed")


def test_the_orm_own_module_reads_as_its_newest_release() -> None:
    assert release_of(f"module {TT}/v3\n").rules == "3.0.2"
    assert release_of(f"module {TT}/v4\n") == OrmRelease(f"{TT}/v4", None, "4.0.0", "orm-module")
    assert release_of(f"module {DYNAMORM}\n").rules == "1.0.31"


def test_no_orm_requirement_assumes_the_newest_rules() -> None:
    found = release_of("module example.com/svc\nrequire github.com/google/uuid v1.6.0\n")
    assert (found.module, found.rules, found.source) == (None, "4.0.0", "assumed")


def test_several_orm_requirements_the_imported_one_wins() -> None:
    text = f"module example.com/svc\nrequire (\n\t{DYNAMORM} v1.0.20\n\t{TT}/v3 v3.0.6\n)\n"
    assert release_of(text).rules == "3.0.2"  # none imported: the newest
    assert release_of(text, (f"{DYNAMORM}/pkg/core",)).rules == "1.0.0"
    both = f"module example.com/svc\nrequire (\n\t{TT} v1.7.0\n\t{TT}/v3 v3.0.6\n)\n"
    assert release_of(both, (f"{TT}/pkg/model",)).rules == "1.7.0"  # in the v1 module, not in /v3
    assert release_of(both, (f"{TT}/v3/pkg/model",)).rules == "3.0.2"


def test_comments_and_quotes_do_not_confuse_the_reader() -> None:
    text = f'// module example.com/wrong\nmodule "example.com/svc" // the service\nrequire "{TT}" v1.7.0 // require {TT}/v3 v3.0.6\n'
    assert gomod.parse(text).module == "example.com/svc"
    assert release_of(text).rules == "1.7.0"


def test_the_reader_is_linear_on_hostile_lines() -> None:
    # one long line of quotes, slashes and spaces: read in one pass, nothing found
    text = "module x\nrequire " + '"\\' * 200_000 + " /" * 200_000 + "\n"
    started = time.monotonic()
    assert gomod.parse(text).requires == ()
    assert time.monotonic() - started < 10  # a reader that re-tries each quote takes hours here


def test_nested_module_governs_its_packages(tmp_path) -> None:  # noqa: ANN001
    (tmp_path / "go.mod").write_text(f"module example.com/app\nrequire {TT}/v3 v3.0.6\n")
    (tmp_path / "legacy").mkdir()
    (tmp_path / "legacy" / "go.mod").write_text(f"module example.com/legacy\nrequire {TT} v1.7.0\n")
    model = 'package {0}\ntype Item struct {{\n\tID string `theorydb:"pk"`\n}}\nfunc (Item) TableName() string {{ return "{0}" }}\n'
    (tmp_path / "app.go").write_text(model.format("app"))
    (tmp_path / "legacy" / "legacy.go").write_text(model.format("legacy"))
    rules = {m.package: m.orm.rules for m in tagscan.scan(tmp_path).models if m.orm}
    assert rules == {"app": "3.0.2", "legacy": "1.7.0"}


def test_flag_overrides_detection(tmp_path) -> None:  # noqa: ANN001
    (tmp_path / "go.mod").write_text(f"module example.com/app\nrequire {TT}/v3 v3.0.6\n")
    (tmp_path / "a.go").write_text('package a\ntype Item struct {\n\tID string `theorydb:"pk"`\n}\n')
    model = tagscan.scan(tmp_path, orm_version="1.7").models[0]
    assert (model.orm.rules, model.orm.source, model.orm.version) == ("1.7.0", "flag", "v3.0.6")
    with pytest.raises(tagscan.errors.InputError, match="unknown ORM version 'latest'"):
        tagscan.scan(tmp_path, orm_version="latest")


def test_scan_shows_the_release_and_rule_set(tmp_path, monkeypatch) -> None:  # noqa: ANN001
    from typer.testing import CliRunner

    (tmp_path / "tt").mkdir()
    (tmp_path / "tt" / "go.mod").write_text(f"module example.com/tt\nrequire {TT}/v3 v3.0.6\n")
    (tmp_path / "tt" / "a.go").write_text(
        'package tt\ntype Item struct {\n\tID string `theorydb:"pk"`\n}\nfunc (Item) TableName() string { return "items" }\n'
    )
    (tmp_path / "bare").mkdir()
    (tmp_path / "bare" / "go.mod").write_text("module example.com/bare\n")
    (tmp_path / "bare" / "b.go").write_text(
        'package bare\ntype Note struct {\n\tID string `theorydb:"pk"`\n}\nfunc (Note) TableName() string { return "notes" }\n'
    )
    (tmp_path / "legacy").mkdir()
    (tmp_path / "legacy" / "go.mod").write_text(f"module example.com/legacy\nrequire {TT} v1.7.2\n")
    (tmp_path / "legacy" / "c.go").write_text(
        'package legacy\ntype OldItem struct {\n\tID string `theorydb:"pk"`\n}\nfunc (OldItem) TableName() string { return "items" }\n'
    )
    runner = CliRunner()
    text = runner.invoke(app, ["scan", str(tmp_path)]).stdout
    items, notes = text.split("table items\n")[1].split("\n\n")[0], text.split("table notes\n")[1].split("\n\n")[0]
    # a table's models read as one release: said once for the table
    assert "  orm:           no ORM requirement in go.mod: the newest rules of TableTheory 4 (main) assumed" in notes
    # read as different releases: said per model
    assert "  orm:  " not in items
    assert f"    Item (tt/a.go:2, tag theorydb, naming camelCase from go.mod)\n      orm: {TT}/v3 v3.0.6 (go.mod): rules of TableTheory 3.x (3.0.2+)" in items
    assert f"    OldItem (legacy/c.go:2, tag theorydb, naming camelCase from go.mod)\n      orm: {TT} v1.7.2 (go.mod): rules of TableTheory 1.7" in items
    data = json.loads(runner.invoke(app, ["scan", str(tmp_path), "--format", "json"]).stdout)
    assert {m["name"]: m["orm"] for m in data["models"]} == {
        "Item": {"module": f"{TT}/v3", "version": "v3.0.6", "rules": "3.0.2", "source": "go.mod"},
        "Note": {"module": None, "version": None, "rules": "4.0.0", "source": "assumed"},
        "OldItem": {"module": TT, "version": "v1.7.2", "rules": "1.7.0", "source": "go.mod"},
    }


def test_orm_version_in_the_configuration_is_used_and_checked(tmp_path, monkeypatch) -> None:  # noqa: ANN001
    from typer.testing import CliRunner

    (tmp_path / "go.mod").write_text(f"module example.com/app\nrequire {TT}/v3 v3.0.6\n")
    (tmp_path / "a.go").write_text(
        'package a\ntype Item struct {\n\tID string `theorydb:"pk"`\n\tA string `theorydb:"attr:x"`\n'
        '\tB string `theorydb:"attr:x"`\n}\nfunc (Item) TableName() string { return "items" }\n'
    )
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    rules = lambda: sorted(f["rule"] for f in json.loads(runner.invoke(app, ["lint", ".", "-f", "json"]).stdout)["findings"])  # noqa: E731
    assert rules() == ["TS215"]  # 3.0.6 rejects the two fields of one attribute
    (tmp_path / "pyproject.toml").write_text('[tool.tagscan]\norm-version = "1.7"\n')
    assert rules() == ["TS301"]  # 1.7 accepts them, one value lost
    (tmp_path / "pyproject.toml").write_text('[tool.tagscan]\norm-version = "latest"\n')
    done = runner.invoke(app, ["lint", "."])
    assert done.exit_code == 2
    assert "tool.tagscan.orm-version: must be an ORM release such as v3.0.6, 1.7 or 4, not 'latest'" in done.stderr
