"""The Go reference program itself: what it reports on a small tree whose answer is known."""

from __future__ import annotations

import json
import pathlib
import subprocess
import textwrap

import pytest

from tests.goref.goref_process import Goref

pytestmark = pytest.mark.slow  # needs Go

MODELS_GO = textwrap.dedent(
    '''\
    package models

    import "os"

    type (
    	// Order is grouped with a non-struct type.
    	Order struct {
    		ID, Alt string `dynamorm:"pk" json:"id"`
    		Items   map[string] []int "dynamorm:\\"attr:items\\""
    		Base
    		*pkg.Remote `theorydb:"-"`
    		Page[int]
    		bad string `dynamorm:pk`
    		Fn func(a int) (b string)
    	}
    	Status string
    )

    type Pair[K comparable, V any] struct{ Key K; Val V }

    func (o *Order) TableName() string {
    	if v := os.Getenv("ORDERS"); v != "" {
    		return v
    	}
    	f := func() string { return "closure" }
    	_ = f
    	return "orders " + "x"
    }

    func (Pair[K, V]) TableName() string { return }

    func local() {
    	type Hidden struct{ A int }
    }

    type Alias = struct{ X int }

    type Carriage struct {
    	CR int `dynamorm:"pk"\r json:"cr"`
    }

    func migrate(db DB) error {
    	db.WithContext(nil).Model(new(Order)).Create()
    	return db.AutoMigrate(&Order{}, Pair[int, string]{})
    }
    '''
)

NO_TAG = {"dynamorm": {"value": "", "ok": False}, "theorydb": {"value": "", "ok": False}}


def _field(names: list[str], type_: str, raw_tag: str | None = None, **lookups: str) -> dict:
    found = {key: {"value": value, "ok": True} for key, value in lookups.items()}
    return {
        "names": names,
        "type": type_,
        "embedded": not names,
        "raw_tag": raw_tag,
        "lookups": {**NO_TAG, **found},
    }


EXPECTED_MODELS = {
    "file": "models/models.go",
    "structs": [
        {
            "name": "Order",
            "line": 7,
            "type_params": [],
            "fields": [
                _field(["ID", "Alt"], "string", 'dynamorm:"pk" json:"id"', dynamorm="pk"),
                _field(["Items"], "map[string][]int", 'dynamorm:"attr:items"', dynamorm="attr:items"),
                _field([], "Base"),
                _field([], "*pkg.Remote", 'theorydb:"-"', theorydb="-"),
                _field([], "Page[int]"),
                _field(["bad"], "string", "dynamorm:pk"),
                _field(["Fn"], "func(aint)(bstring)"),
            ],
        },
        {
            "name": "Pair",
            "line": 19,
            "type_params": ["K", "V"],
            "fields": [_field(["Key"], "K"), _field(["Val"], "V")],
        },
        {
            "name": "Carriage",
            "line": 38,
            "type_params": [],
            "fields": [_field(["CR"], "int", 'dynamorm:"pk" json:"cr"', dynamorm="pk")],  # Go drops \r in raw strings
        },
    ],
    "table_name_methods": [
        {"receiver": "Order", "pointer": True, "line": 21, "returns": ["v", '"orders"+"x"'], "envs": ["ORDERS"]},
        {"receiver": "Pair", "pointer": False, "line": 30, "returns": [""], "envs": []},
    ],
    "orm_calls": [
        {"call": "Model", "line": 43, "argument": "new(Order)"},
        {"call": "AutoMigrate", "line": 44, "argument": "&Order{}"},
        {"call": "AutoMigrate", "line": 44, "argument": "Pair[int,string]{}"},
    ],
}


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> pathlib.Path:
    root = tmp_path_factory.mktemp("goref-tree")
    files = {
        "models/models.go": MODELS_GO,
        "models/broken.go": "package models\n\ntype X struct {\n",
        "models/models_test.go": "package models\n\ntype InTest struct{}\n",
        "models/_skip.go": "package models\n\ntype Underscore struct{}\n",
        "vendor/v.go": "package v\n\ntype Vendored struct{}\n",
        "testdata/t.go": "package t\n\ntype TestData struct{}\n",
        ".hidden/h.go": "package h\n\ntype Hidden struct{}\n",
        "_build/b.go": "package b\n\ntype Build struct{}\n",
        "a.go": "package a\n",
        "notes.txt": "type NotGo struct{}\n",
    }
    for name, source in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source)
    return root


def test_reports_structs_fields_tags_table_name_returns_env_reads_and_orm_calls(goref: Goref, tree: pathlib.Path) -> None:
    declarations = goref.declarations(tree)
    assert [entry["file"] for entry in declarations] == ["a.go", "models/broken.go", "models/models.go"]
    assert declarations[0] == {"file": "a.go", "structs": [], "table_name_methods": [], "orm_calls": []}
    assert declarations[2] == EXPECTED_MODELS


def test_marks_files_go_cannot_parse(goref: Goref, tree: pathlib.Path) -> None:
    broken = goref.declarations(tree)[1]
    assert broken["structs"] == [] and "expected" in broken["syntax_error"]


def test_command_line_mode_matches_serve_mode(goref: Goref, goref_binary: pathlib.Path, tree: pathlib.Path) -> None:
    run = subprocess.run([str(goref_binary), str(tree)], capture_output=True, text=True, check=True)
    assert json.loads(run.stdout) == goref.declarations(tree)


def test_missing_directory_is_an_error(goref: Goref, goref_binary: pathlib.Path, tmp_path: pathlib.Path) -> None:
    run = subprocess.run([str(goref_binary), str(tmp_path / "missing")], capture_output=True, text=True)
    assert run.returncode == 2 and "missing" in run.stderr
    with pytest.raises(RuntimeError, match="missing"):
        goref.declarations(tmp_path / "missing")
