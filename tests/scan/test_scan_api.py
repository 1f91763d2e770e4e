"""The library API on inputs the golden cases do not cover: options, files, bad input."""

from __future__ import annotations

import os
import pathlib

import pytest

from tagscan import scan
from tagscan.errors import InputError

FIXTURES = pathlib.Path(__file__).resolve().parent.parent.parent / "fixtures"

USER = """package app

import "os"

type User struct {
	UserID string `dynamorm:"pk"`
	Email  string `dynamorm:"index:gsi-email"`
}

func (User) TableName() string { return os.Getenv("USERS_TABLE") }
"""


def names(result) -> list[str]:
    return [m.name for m in result.models]


def test_fixture_models_give_the_three_seed_tables():
    result = scan(FIXTURES / "models")
    assert [t.key for t in result.tables] == [
        "EVENTTABLE_TABLE_NAME", "IDEMPOTENCYTABLE_TABLE_NAME", "RATELIMITTABLE_TABLE_NAME",
    ]
    rate = next(m for m in result.models if m.name == "RateLimitRecord")
    assert (rate.partition_key.attribute, rate.sort_key.attribute) == ("identifier", "windowTime")
    assert {i.name: i.partition_key.attribute for i in rate.indexes} == {
        "gsi-ip": "ipAddress", "gsi-user": "userID", "gsi-tenant": "tenantID",
    }
    assert rate.ttl.attribute == "expiresAt"
    event = next(m for m in result.models if m.name == "Event")
    assert [(i.name, i.partition_key.attribute, i.sort_key.attribute) for i in event.indexes] == [
        ("gsi-type", "eventType", "timestamp")
    ]
    assert result.diagnostics == ()


def test_naming_flag_overrides_go_mod(go_tree):
    root = go_tree({"user.go": USER})
    assert scan(root).models[0].partition_key.attribute == "userID"
    forced = scan(root, naming="snake_case").models[0]
    assert (forced.partition_key.attribute, forced.naming_source) == ("user_id", "flag")
    assert scan(root, naming="verbatim").models[0].partition_key.attribute == "UserID"


def test_legacy_go_mod_version_means_verbatim_names(go_tree):
    root = go_tree({"go.mod": "module x\n\nrequire github.com/pay-theory/dynamorm v1.0.30\n", "user.go": USER})
    model = scan(root).models[0]
    assert (model.naming, model.naming_source, model.partition_key.attribute) == ("verbatim", "go.mod", "UserID")


def test_tag_key_flag_on_a_model_with_table_name(go_tree):
    root = go_tree({"user.go": USER.replace("dynamorm:", "theorydb:")})
    forced = scan(root, tag_key="dynamorm")
    assert names(forced) == ["User"]
    assert forced.models[0].partition_key is None


def test_tabletheory_module_defaults_to_theorydb(go_tree):
    both = USER.replace('`dynamorm:"pk"`', '`dynamorm:"pk" theorydb:"pk"`').replace('`dynamorm:"index:gsi-email"`', '`theorydb:"index:gsi-email"`')
    root = go_tree({"go.mod": "module x\n\nrequire github.com/theory-cloud/tabletheory v1.2.1\n", "user.go": both})
    model = scan(root).models[0]
    assert model.tag_key == "theorydb"
    assert [i.name for i in model.indexes] == ["gsi-email"]


def test_unknown_options_are_input_errors(go_tree):
    root = go_tree({"user.go": USER})
    with pytest.raises(InputError, match="naming"):
        scan(root, naming="pascal")
    with pytest.raises(InputError, match="tag key"):
        scan(root, tag_key="dynamodbav")


def test_missing_path_and_no_go_files_are_input_errors(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        scan(tmp_path / "missing")
    (tmp_path / "notes.txt").write_text("x")
    with pytest.raises(InputError, match="no Go files"):
        scan(tmp_path)
    with pytest.raises(InputError, match="not a directory or a .go file"):
        scan(tmp_path / "notes.txt")


def test_a_named_file_reports_only_its_models_but_resolves_through_its_package(go_tree):
    root = go_tree({
        "a/user.go": 'package a\n\ntype User struct {\n\tBase\n\tName string\n}\n',
        "a/base.go": 'package a\n\ntype Base struct {\n\tID string `dynamorm:"pk"`\n\tKind Kind `dynamorm:"sk"`\n}\n\ntype Kind int64\n\ntype Other struct {\n\tID string `dynamorm:"pk"`\n}\n',
    })
    # user.go has no tag and no TableName, so it is parsed only because it was named
    result = scan(root / "a" / "base.go")
    assert names(result) == ["Other"]
    user_file = root / "a" / "user.go"
    user_file.write_text(user_file.read_text().replace("Name string", 'Name string `dynamorm:"omitempty"`'))
    result = scan([root / "a" / "user.go"])
    assert names(result) == ["User"]
    assert result.models[0].sort_key.type == "N"
    assert result.root == str(root / "a")
    assert result.models[0].file == "user.go"


def test_include_tests_adds_test_files():
    tree = FIXTURES / "go" / "10-files"
    assert names(scan(tree)) == ["Kept"]
    assert names(scan(tree, include_tests=True)) == ["Kept", "FromTest"]


def test_symlink_loops_are_followed_once(go_tree):
    root = go_tree({"pkg/user.go": USER})
    os.symlink(root, root / "pkg" / "loop")
    os.symlink(root / "pkg", root / "again")
    result = scan(root)
    assert names(result) == ["User"]


def test_invalid_utf8_is_reported_and_the_rest_still_read(go_tree):
    source = USER.encode().replace(b"import", b"// caf\xe9\n\nimport")
    root = go_tree({"user.go": source})
    result = scan(root)
    assert names(result) == ["User"]
    assert [(d.rule, d.file, d.line) for d in result.diagnostics] == [("TS002", "user.go", 3)]


def test_unreadable_file_is_a_diagnostic(go_tree, monkeypatch):
    root = go_tree({"user.go": USER, "other.go": "package app\n"})
    from tagscan.scanner import workspace

    real_read = workspace.read_regular_file

    def refuse(path):
        if path.name == "other.go":
            raise PermissionError(13, "Permission denied")
        return real_read(path)

    monkeypatch.setattr(workspace, "read_regular_file", refuse)
    result = scan(root)
    assert names(result) == ["User"]
    assert [(d.rule, d.file, d.message) for d in result.diagnostics] == [
        ("TS002", "other.go", "cannot read file: Permission denied")
    ]


def test_a_large_file_is_read(go_tree):
    filler = "".join(f"var v{i} = {i}\n" for i in range(320_000))  # over 5 MB
    root = go_tree({"user.go": USER + filler})
    assert (root / "user.go").stat().st_size > 5_000_000
    assert names(scan(root)) == ["User"]


def test_files_without_markers_are_parsed_only_when_needed(go_tree, monkeypatch):
    from tagscan.scanner import workspace

    parsed: list[str] = []
    real_parse = workspace.parse_file
    monkeypatch.setattr(workspace, "parse_file", lambda path, source: parsed.append(path.name) or real_parse(path, source))
    root = go_tree({
        "user.go": USER.replace("UserID string", "UserID ID"),
        "id.go": "package app\n\ntype ID int64\n",
        "unrelated.go": "package app\n\nfunc helper() int { return 1 }\n",
    })
    model = scan(root).models[0]
    assert model.partition_key.type == "N"
    assert sorted(parsed) == ["id.go", "user.go"]


def test_cross_package_types_resolve_through_go_mod(go_tree):
    root = go_tree({
        "models/user.go": 'package models\n\nimport "example.com/app/ids"\n\ntype User struct {\n\tID ids.Number `dynamorm:"pk"`\n}\n',
        "ids/ids.go": "package ids\n\ntype Number uint64\n",
    })
    # scanning only the models package still reads the imported package of the same module
    key = scan(root / "models").models[0].partition_key
    assert (key.type, key.go_type) == ("N", "ids.Number")


def test_a_struct_embedded_from_a_file_without_tags_is_a_component_and_its_embedder_a_model(go_tree):
    root = go_tree({
        "base/base.go": 'package base\n\ntype Keys struct {\n\tPK string `dynamorm:"pk,attr:PK"`\n}\n',
        "app/user.go": 'package app\n\nimport "example.com/app/base"\n\ntype User struct {\n\tbase.Keys\n\tName string\n}\n',
        "app/unrelated.go": 'package app\n\ntype Other struct {\n\tKeys string\n}\n',
    })
    result = scan(root)
    assert [(c.name, c.used) for c in result.components] == [("Keys", True)]
    # User has no tag of its own, but the ORM registers it with the pk it takes from the embed
    assert [(m.name, m.partition_key.attribute) for m in result.models] == [("User", "PK")]


def test_an_embed_on_a_line_with_a_comment_and_crlf_is_found_and_a_named_field_is_no_embed(go_tree):
    root = go_tree({
        "base/base.go": 'package base\n\ntype Keys struct {\n\tPK string `dynamorm:"pk,attr:PK"`\n}\n',
        "app/user.go": (
            'package app\r\n\r\nimport "example.com/app/base"\r\n\r\n'
            "type User struct {\r\n\tbase.Keys // shared keys\r\n\tName string\r\n}\r\n"
        ),
        "app/audit.go": 'package app\n\nimport "example.com/app/base"\n\ntype Audit struct {\n\tKeys base.Keys\n}\n',
    })
    result = scan(root)
    assert [(m.name, m.partition_key.attribute) for m in result.models] == [("User", "PK")]


def test_only_a_structs_own_embeds_make_it_an_embedder(go_tree):
    root = go_tree({
        "app/models.go": (
            "package app\n\n"
            'type Base struct {\n\tPK string `dynamorm:"pk"`\n}\n\n'
            # Base is embedded by the anonymous struct type of Outer's field, not by Outer
            'type Outer struct {\n\tID string `dynamorm:"pk"`\n\tInner struct {\n\t\tBase\n\t}\n}\n\n'
            'type Wrap struct {\n\t*Base\n\tName string `dynamorm:"attr:name"`\n}\n'
        ),
    })
    result = scan(root)
    notes = {d.message for d in result.diagnostics if d.rule == "TS007"}
    assert "Base has dynamorm tags but is not a model: embedded by Wrap" in notes


def test_keep_is_handed_what_the_scan_built_and_the_result_is_the_same():
    kept: list[object] = []
    result = scan(FIXTURES / "go" / "12-packages", keep=lambda *objects: kept.extend(objects))
    assert kept, "the working set is handed over, for a caller that exits without freeing it"
    assert result == scan(FIXTURES / "go" / "12-packages")
