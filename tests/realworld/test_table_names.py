"""Section 2 of issue 14: TableName bodies as real services write them, one shape per test."""

from __future__ import annotations

import pytest

import tagscan
from tagscan.lint.engine import run
from tagscan.lint.rule import LintContext
from tagscan.rules import ALL_RULES

MODEL = 'type Record struct {{\n\tID string `dynamorm:"pk"`\n}}\n\nfunc (r Record) TableName() string {{\n{body}\n}}\n'


def table_of(go_tree, body: str, imports: tuple[str, ...] = ("os",), extra: str = "", files: dict | None = None):
    header = "package app\n\nimport (\n" + "".join(f'\t"{i}"\n' for i in imports) + ")\n\n" if imports else "package app\n\n"
    root = go_tree({"app/record.go": header + MODEL.format(body=body) + extra, **(files or {})})
    (model,) = tagscan.scan(root).models
    return model.table


FOUR_DEEP = """\tif name := os.Getenv("A_TABLE"); name != "" {
\t\treturn name
\t}
\tif name, ok := os.LookupEnv("B_TABLE"); ok && name != "" {
\t\treturn name
\t}
\treturn cmp.Or(strings.TrimSpace(os.Getenv("C_TABLE")), os.Getenv("D_TABLE"), "records")"""


@pytest.mark.parametrize(("body", "imports", "envs", "name"), [
    (FOUR_DEEP, ("cmp", "os", "strings"), ("A_TABLE", "B_TABLE", "C_TABLE", "D_TABLE"), "records"),
    ('\tif v := os.Getenv("A"); v != "" {\n\t\treturn v\n\t}\n\tif v := os.Getenv("B"); v != "" {\n\t\treturn v\n\t}\n\treturn defaultTable',
     ("os",), ("A", "B"), "fallback"),
    ('\tif v, ok := os.LookupEnv("A"); ok {\n\t\treturn v\n\t}\n\treturn os.Getenv("B")', ("os",), ("A", "B"), None),
    ('\tname := os.Getenv("A")\n\tif name == "" {\n\t\tname = os.Getenv("B")\n\t}\n\tif name == "" {\n\t\tname = "x"\n\t}\n\treturn name',
     ("os",), ("A", "B"), "x"),
    ('\tname := "x"\n\tif v, ok := os.LookupEnv("A"); ok {\n\t\tname = v\n\t}\n\treturn strings.TrimSpace(name)',
     ("os", "strings"), ("A",), "x"),
    ('\treturn cmp.Or(os.Getenv("A"), "", os.Getenv("B"), "x", "never")', ("cmp", "os"), ("A", "B"), "x"),
])
def test_env_chains_keep_every_env_var_in_lookup_order(go_tree, body, imports, envs, name):
    table = table_of(go_tree, body, imports, extra='\nconst defaultTable = "fallback"\n')
    assert (table.source, table.env, table.envs, table.name) == ("env", envs[0], envs, name)


def test_a_helper_in_another_file_of_the_package(go_tree):
    helper = 'package app\n\nimport "os"\n\nfunc MainTableName() string {\n\tif n := os.Getenv("MAIN_TABLE"); n != "" {\n\t\treturn n\n\t}\n\treturn "main"\n}\n'
    table = table_of(go_tree, "\treturn MainTableName()", (), files={"app/table.go": helper})
    assert (table.source, table.envs, table.name) == ("env", ("MAIN_TABLE",), "main")


def test_a_function_and_a_var_of_another_package(go_tree):
    config = 'package config\n\nimport "os"\n\nfunc Table(kind string) string { return os.Getenv(kind + "_TABLE") }\n'
    store = 'package store\n\nimport "os"\n\nvar ConnectionsTable = os.Getenv("CONNECTIONS_TABLE")\n'
    files = {"config/config.go": config, "store/store.go": store}
    via_function = table_of(go_tree, '\treturn config.Table("ORDERS")', ("example.com/app/config",), files=files)
    assert (via_function.source, via_function.envs) == ("env", ("ORDERS_TABLE",))
    via_var = table_of(go_tree, "\treturn store.ConnectionsTable", ("example.com/app/store",), files=files)
    assert (via_var.source, via_var.envs, via_var.name) == ("env", ("CONNECTIONS_TABLE",), None)


def test_a_sync_once_cached_lookup(go_tree):
    extra = """
var (
\ttableOnce sync.Once
\ttableName string
)
"""
    body = '\ttableOnce.Do(func() {\n\t\ttableName = cmp.Or(os.Getenv("A"), "a")\n\t})\n\treturn tableName'
    table = table_of(go_tree, body, ("cmp", "os", "sync"), extra=extra)
    assert (table.source, table.envs, table.name) == ("env", ("A",), "a")


def test_a_method_of_an_embedded_type(go_tree):
    base = 'package app\n\nimport "os"\n\ntype Base struct{}\n\nfunc (Base) table() string { return os.Getenv("BASE_TABLE") }\n'
    root = go_tree({
        "app/base.go": base,
        "app/record.go": 'package app\n\ntype Record struct {\n\tBase\n\tID string `dynamorm:"pk"`\n}\n\n'
                         "func (r Record) TableName() string { return r.Base.table() }\n\n"
                         'type Other struct {\n\tBase\n\tID string `dynamorm:"pk"`\n}\n\n'
                         "func (o *Other) TableName() string { return o.table() }\n",
    })
    assert [(m.name, m.table.envs) for m in tagscan.scan(root).models] == [
        ("Record", ("BASE_TABLE",)), ("Other", ("BASE_TABLE",))]


@pytest.mark.parametrize(("body", "imports", "pattern", "envs"), [
    ('\treturn fmt.Sprintf("%s-users", os.Getenv("STAGE"))', ("fmt", "os"), "${STAGE}-users", ("STAGE",)),
    ('\treturn fmt.Sprintf("%s-%s-users", app, cmp.Or(os.Getenv("STAGE"), "dev"))', ("cmp", "fmt", "os"),
     "${APP}-${STAGE:-dev}-users", ("APP", "STAGE")),
    ('\treturn prefix + "-users"', ("os",), "${APP}-users", ("APP",)),
])
def test_formatted_names_are_patterns(go_tree, body, imports, pattern, envs):
    extra = '\nvar app = os.Getenv("APP")\n\nvar prefix = os.Getenv("APP")\n'
    table = table_of(go_tree, body, imports, extra=extra)
    assert (table.source, table.env, table.pattern, table.envs) == ("pattern", None, pattern, envs)


def test_a_literal_concatenation_is_a_literal(go_tree):
    table = table_of(go_tree, '\treturn service + "-users"', (), extra='\nconst service = "billing"\n')
    assert (table.source, table.name) == ("literal", "billing-users")


def test_ts601_only_when_nothing_resolves_and_it_names_the_part_not_followed(go_tree):
    root = go_tree({
        "app/record.go": 'package app\n\nimport (\n\t"os"\n\n\t"github.com/acme/naming"\n)\n\n'
                         'type Record struct {\n\tID string `dynamorm:"pk"`\n}\n\n'
                         'func (Record) TableName() string { return naming.Resource(os.Getenv("STAGE"), "records") }\n\n'
                         'type Partly struct {\n\tID string `dynamorm:"pk"`\n}\n\n'
                         'func (Partly) TableName() string {\n\tif n := os.Getenv("PARTLY_TABLE"); n != "" {\n\t\treturn n\n\t}\n'
                         '\treturn naming.Resource("dev", "partly")\n}\n',
    })
    scan = tagscan.scan(root)
    partly = next(m for m in scan.models if m.name == "Partly")
    assert (partly.table.source, partly.table.envs, partly.table.unfollowed) == (
        "env", ("PARTLY_TABLE",), 'naming.Resource("dev","partly")')
    findings = run(LintContext(scan), ALL_RULES, select=["TS601", "TS602"]).findings
    assert [(f.rule, f.line) for f in findings] == [("TS601", 13)]
    assert 'naming.Resource(os.Getenv("STAGE"),"records")' in findings[0].message
    assert "fallback" not in (findings[0].hint or "") and "delete" not in (findings[0].hint or "")


def test_a_four_deep_chain_lints_clean(go_tree):
    root = go_tree({"app/record.go": "package app\n\nimport (\n\t\"cmp\"\n\t\"os\"\n\t\"strings\"\n)\n\n"
                    + MODEL.format(body=FOUR_DEEP)})
    assert [f for f in run(LintContext(tagscan.scan(root)), ALL_RULES).findings if f.rule.startswith("TS6")] == []


def test_tables_group_models_by_the_whole_lookup(go_tree):
    def model(name: str, body: str) -> str:
        return (f'type {name} struct {{\n\tID string `dynamorm:"pk"`\n}}\n\n'
                f"func ({name}) TableName() string {{\n{body}\n}}\n\n")

    chain = '\treturn cmp.Or(os.Getenv("A"), os.Getenv("{second}"), "{fallback}")'
    root = go_tree({"app/models.go": 'package app\n\nimport (\n\t"cmp"\n\t"os"\n)\n\n'
                    + model("One", chain.format(second="B", fallback="x"))
                    + model("Two", chain.format(second="B", fallback="x"))
                    + model("Three", chain.format(second="C", fallback="x"))
                    + model("Four", chain.format(second="C", fallback="y"))})
    scan = tagscan.scan(root)
    assert [(t.key, t.models) for t in scan.tables] == [
        ("A,B", ("One", "Two")), ("A,C|x", ("Three",)), ("A,C|y", ("Four",))]
    assert [m.name for m in scan.models_of(scan.tables[1])] == ["Three"]


def test_local_tables_take_the_first_set_env_var_of_the_chain(go_tree):
    from tagscan.export.dynamodb import table_plans

    root = go_tree({"app/record.go": "package app\n\nimport (\n\t\"cmp\"\n\t\"os\"\n\t\"strings\"\n)\n\n"
                    + MODEL.format(body=FOUR_DEEP)})
    scan = tagscan.scan(root)
    assert [(p.name, p.origin) for p in table_plans(scan, {"C_TABLE": "c-dev", "D_TABLE": "d-dev"})] == [
        ("c-dev", "from $C_TABLE")]
    assert [(p.name, p.origin) for p in table_plans(scan, {})] == [
        ("records", "$A_TABLE, $B_TABLE, $C_TABLE, $D_TABLE are unset: the ORM's fallback")]
