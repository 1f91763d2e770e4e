"""Hypothesis strategies that write Go packages nobody wrote by hand.

`go_trees()` draws a small tree (one package, one to three files) with random struct shapes:
grouped declarations, several names per field, embeds of every kind, generics, comments in
odd places, raw and interpreted tags with escapes, tags Go considers malformed, and ORM tags
from the grammar and near-misses of it. Some structs are models with a `TableName` method in
one of the forms the scanner resolves, or one it must leave unresolved; the tree records what
each such model's table must resolve to.

Everything drawn is valid Go syntax: the Go reference program must parse every file.
"""

from __future__ import annotations

import pathlib
from dataclasses import dataclass, field

from hypothesis import strategies as st

PACKAGE_DIR = "models"

EXPORTED_NAMES = (
    "ID", "Name", "Email", "TenantID", "CreatedAt", "UpdatedAt", "TTL", "Version", "GSI1PK",
    "Status", "Items", "Amount", "URLValue", "Ñame", "Über", "X",
)
UNEXPORTED_NAMES = ("name", "id", "secret", "ünicode", "x1", "_")
TYPE_NAMES = (
    "User", "Order", "Account", "Session", "Company", "Bus", "Key", "Event", "Invoice", "Ledger",
    "auditLog", "cartItem",
)
BASIC_TYPES = (
    "string", "int", "int64", "uint64", "float64", "bool", "byte", "rune", "any", "error",
    "time.Time", "time.Duration", "json.RawMessage", "uuid.UUID", "Status", "MyID",
)
EMBED_NAMES = ("Base", "Timestamps", "base", "audit", "models.Base", "shared.Audit")
GENERIC_NAMES = ("Page", "Pair", "models.Page")
TAG_KEYS = ("dynamorm", "theorydb", "json", "xml", "dynamodbav", "validate")
# Keys that look like the ORM's but are not: Lookup must not match them.
NEAR_MISS_KEYS = ("Dynamorm", "dynamormx", "x-dynamorm", "dynamörm", "theory_db")

# Directives of the ORM tag grammar and near-misses of it (case, spacing, typos, stray modifiers).
ORM_DIRECTIVES = (
    "pk", "sk", "version", "ttl", "created_at", "updated_at", "set", "omitempty", "binary", "json",
    "encrypted", "attr:userName", "attr:PK", "index:gsi-email", "index:gsi-email,pk", "index:g1,sk",
    "index:g1,pk,sk", "index:lsi-date", "index:g,sparse", "lsi:by-date", "lsi:by-date,sk",
    "project:keys", "naming:snake_case", "encrypted:true", "-",
)
ORM_NEAR_MISSES = (
    "PK", " pk", "pk ", "primary", "index:", "attr:", "attr: x ", "lsi:x,pk", "unique", "pk,,sk",
    ":x", "index :g", "index:g,unique", "ttl,", "-,omitempty", "attr:full_name", "idx:g", "sk;pk",
    "naming:snake", "", "é", "pk\tsk",
)

# Where a block comment may stand between two tokens of a declaration.
BLOCK_COMMENTS = ("/* c */", "/**/", "/* `x` \"y\" */", "/* dynamorm:\"pk\" */", "/*\u00e9*/")


@dataclass(frozen=True)
class ExpectedTable:
    """What `tagscan.scan` must say about a model's table (fields of `TableRef`)."""

    source: str
    env: str | None = None
    name: str | None = None


@dataclass
class GoTree:
    files: dict[str, str]  # path relative to the tree root -> Go source
    tables: dict[str, ExpectedTable] = field(default_factory=dict)  # model name -> its table

    def write(self, root: pathlib.Path) -> None:
        for relative, source in self.files.items():
            path = root / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            # newline="" keeps a \r drawn into a raw string literal as written.
            path.write_text(source, encoding="utf-8", newline="")


def _gap(draw: st.DrawFn) -> str:
    """Space between two tokens on one line: blanks, tabs or a block comment."""
    return draw(st.sampled_from((" ", " ", "  ", "\t", " /* c */ ", "/**/ ", " " + "/*x*/")))


def _tight(draw: st.DrawFn) -> str:
    """Optional space, rarely a comment, between tokens of a type expression."""
    return draw(st.sampled_from(("", "", "", " ", " ", "/*t*/")))


# --- type expressions -------------------------------------------------------------------------


@st.composite
def type_exprs(draw: st.DrawFn, depth: int = 0) -> str:
    if depth >= 2 or draw(st.integers(0, 2)) == 0:
        return draw(st.sampled_from(BASIC_TYPES))
    inner = type_exprs(depth + 1)
    t = _tight(draw)
    kind = draw(st.integers(0, 11))
    if kind == 0:
        return f"*{t}{draw(inner)}"
    if kind == 1:
        return f"[{t}]{t}{draw(inner)}"
    if kind == 2:
        return f"[{draw(st.sampled_from(('4', '0x10', 'N')))}]{draw(inner)}"
    if kind == 3:
        return f"map[{t}{draw(inner)}{t}]{t}{draw(inner)}"
    if kind == 4:
        return f"{draw(st.sampled_from(('chan ', 'chan<- ', '<-chan ')))}{draw(st.sampled_from(BASIC_TYPES))}"
    if kind == 5:
        return f"func({t}a {draw(inner)},{t}b {draw(inner)}{t}){t}({draw(inner)},{t}error)"
    if kind == 6:
        return draw(st.sampled_from(("interface{}", "interface{ M() string }", "interface{ ~int | ~string }")))
    if kind == 7:
        return f"struct{{ A {draw(inner)} {draw(tag_literals())}; B, C int }}"
    if kind == 8:
        arguments = draw(st.lists(inner, min_size=1, max_size=2))
        return f"{draw(st.sampled_from(GENERIC_NAMES))}[{t}{(',' + t).join(arguments)}{t}]"
    if kind == 9:
        return f"({t}{draw(inner)}{t})"
    if kind == 10:
        return "struct{}"
    return f"func()"


# --- tags ---------------------------------------------------------------------------------------


def _go_quote(value: str, draw: st.DrawFn) -> str:
    """`value` as a Go interpreted string literal, each character written one of several ways."""
    out = []
    for ch in value:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append(draw(st.sampled_from(("\\t", "\\x09", "\\u0009"))))
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\x{ord(ch):02x}")
        elif ch.isascii() and draw(st.integers(0, 9)) == 0:
            out.append(draw(st.sampled_from((f"\\x{ord(ch):02x}", f"\\u{ord(ch):04x}", f"\\{ord(ch):03o}"))))
        elif not ch.isascii() and draw(st.booleans()):
            out.append(f"\\u{ord(ch):04x}" if ord(ch) < 0x10000 else f"\\U{ord(ch):08x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


@st.composite
def orm_tag_values(draw: st.DrawFn) -> str:
    """A dynamorm/theorydb tag value: comma-joined directives, mostly valid, some near-misses."""
    parts = draw(st.lists(st.sampled_from(ORM_DIRECTIVES) | st.sampled_from(ORM_NEAR_MISSES), max_size=4))
    return draw(st.sampled_from((",", ", ", " ,"))).join(parts)


@st.composite
def tag_pairs(draw: st.DrawFn) -> str:
    """One `key:"value"` pair of a struct tag, now and then in a shape Go considers malformed."""
    key = draw(st.sampled_from(TAG_KEYS) | st.sampled_from(NEAR_MISS_KEYS))
    if key in TAG_KEYS[2:]:
        value = draw(st.sampled_from(("id", "-", "name,omitempty", "")))
    else:
        value = draw(orm_tag_values())
    shape = draw(st.integers(0, 14))
    if shape == 0:
        return f"{key}:{value}"  # unquoted value
    if shape == 1:
        return f"{key}: {_go_quote(value, draw)}"  # space after the colon
    if shape == 2:
        return f"{key} :{_go_quote(value, draw)}"
    if shape == 3:
        return f"{key}:{_go_quote(value, draw)[:-1]}"  # unterminated
    if shape == 4:
        return f"{key}:'{value}'"
    if shape == 5:
        return f'{key}:"\\q{value}"'  # an escape strconv.Unquote rejects
    if shape == 6:
        return f'{key}:"{value}\'"'.replace("'", "\\'")  # \' is not valid in a "..." string
    if shape == 7:
        return f'{key}:"{value}\\a\\v\\f\\000"'  # escapes of control characters
    return f"{key}:{_go_quote(value, draw)}"


@st.composite
def tag_contents(draw: st.DrawFn) -> str:
    """The unquoted tag: pairs joined by spaces (sometimes by none, a tab, or a newline)."""
    pairs = draw(st.lists(tag_pairs(), min_size=1, max_size=3))
    separators = draw(st.lists(st.sampled_from((" ", " ", "  ", "", "\t", "\n")), min_size=len(pairs), max_size=len(pairs)))
    text = "".join(separator + pair for separator, pair in zip(separators, pairs))
    return text[1:] if text.startswith(" ") and draw(st.booleans()) else text


@st.composite
def tag_literals(draw: st.DrawFn) -> str:
    """A tag as Go source: a raw string (maybe holding a \\r Go drops) or an interpreted one."""
    content = draw(tag_contents())
    if "`" not in content and draw(st.booleans()):
        if draw(st.integers(0, 15)) == 0:
            content = content.replace(" ", " \r", 1)
        return f"`{content}`"
    if draw(st.integers(0, 20)) == 0:
        return _go_quote(content, draw)[:-1] + ' x:\\"\\xff\\""'  # a byte that is not UTF-8
    return _go_quote(content, draw)


# --- structs ------------------------------------------------------------------------------------


@st.composite
def field_declarations(draw: st.DrawFn, names: list[str]) -> str:
    """One field declaration (named or embedded), with its tag, without line structure."""
    tag = f"{_gap(draw)}{draw(tag_literals())}" if draw(st.integers(0, 3)) else ""
    if names:
        names_text = draw(st.sampled_from((",", ", ", " , ", ",/* c */"))).join(names)
        declaration = f"{names_text}{_gap(draw)}{draw(type_exprs())}"
    else:
        embedded = draw(st.sampled_from(EMBED_NAMES) | st.builds(
            lambda generic, argument: f"{generic}[{argument}]", st.sampled_from(GENERIC_NAMES), st.sampled_from(BASIC_TYPES)
        ))
        declaration = f"{draw(st.sampled_from(('', '*', '* ', '*/*p*/')))}{embedded}"
    before = draw(st.sampled_from(("", "", "/* lead */ ")))
    return f"{before}{declaration}{tag}"


@st.composite
def field_lines(draw: st.DrawFn, names: list[str]) -> str:
    """One field declaration on its own line, with indentation, maybe a trailing comment."""
    indent = draw(st.sampled_from(("\t", "    ", "\t\t")))
    trailer = draw(st.sampled_from(("", "", " // note", " /* after */", "// `x:\"y\"`", ";")))
    return f"{indent}{draw(field_declarations(names))}{trailer}\n"


@st.composite
def struct_bodies(draw: st.DrawFn, extra_fields: tuple[str, ...] = ()) -> str:
    """`struct {...}`: fields with one or several names, embeds, comment lines between them."""
    pool = draw(st.permutations(EXPORTED_NAMES + UNEXPORTED_NAMES))
    if draw(st.integers(0, 5)) == 0:
        # All on one line, separated by semicolons.
        inline = [line.strip() for line in extra_fields]
        inline += [draw(field_declarations(list(pool[i : i + 1]))) for i in range(draw(st.integers(1, 3)))]
        return f"struct{{ {'; '.join(inline)} }}"
    lines = list(extra_fields)
    taken = 0
    for _ in range(draw(st.integers(0, 6))):
        if draw(st.integers(0, 3)) == 0:
            lines.append(draw(field_lines([])))
            continue
        count = draw(st.integers(1, 3))
        lines.append(draw(field_lines(list(pool[taken : taken + count]))))
        taken += count
        if draw(st.integers(0, 5)) == 0:
            lines.append(draw(st.sampled_from(("\t// a comment line\n", "\n", "\t/* block\n\t   comment */\n"))))
    draw(st.randoms()).shuffle(lines)
    if not lines and draw(st.booleans()):
        return "struct{}"
    opening = draw(st.sampled_from(("struct {", "struct{", "struct /* c */ {", "struct { // open")))
    return f"{opening}\n{''.join(lines)}}}"


TYPE_PARAMS = ("[T any]", "[K comparable, V any]", "[T ~int | ~string]", "[K, V any]", "[T interface{ M() }]")


def _type_arguments(params: str) -> str:
    """The receiver's type arguments for a type parameter list: `[K, V]` for `[K comparable, V any]`."""
    if params == "[K comparable, V any]" or params == "[K, V any]":
        return "[K, V]"
    return "[T]" if params else ""


@dataclass(frozen=True)
class StructDecl:
    name: str
    body: str
    type_params: str


# --- table names --------------------------------------------------------------------------------


@dataclass(frozen=True)
class TableNameForm:
    """The body of a `TableName` method, the package-level helpers it needs, and the answer."""

    body: str
    helpers: str
    imports: tuple[str, ...]  # import specs, e.g. `"os"` or `envos "os"`
    expected: ExpectedTable


ENV_NAMES = ("ORDERS_TABLE", "USERS_TABLE_NAME", "TABLE", "APP_EVENTS")
LITERAL_NAMES = ("orders", "app-users", "Ledger.v2", "t_1")


def pluralise(type_name: str) -> str:
    """The ORM's default table name (`getTableName`), used when TableName returns ""."""
    if type_name.endswith("s"):
        return type_name + "es"
    if type_name.endswith("y"):
        return type_name[:-1] + "ies"
    return type_name + "s"


@st.composite
def table_name_forms(draw: st.DrawFn, model: str) -> TableNameForm:
    """A TableName body in a form the scanner resolves, or one it must leave unresolved."""
    env = draw(st.sampled_from(ENV_NAMES))
    literal = draw(st.sampled_from(LITERAL_NAMES))
    prefix = model[0].lower() + model[1:]
    const, helper, override = f"{prefix}Table", f"{prefix}TableName", f"{prefix}Override"
    getenv = f'os.Getenv("{env}")'
    env_table = ExpectedTable("env", env=env)
    literal_table = ExpectedTable("literal", name=literal)
    forms = [
        TableNameForm(f'return "{literal}"', "", (), literal_table),
        TableNameForm(f"return `{literal}`", "", (), literal_table),
        TableNameForm(f'return ("{literal}")', "", (), literal_table),
        TableNameForm('return "orders\\x2dv2"', "", (), ExpectedTable("literal", name="orders-v2")),
        TableNameForm('return ""', "", (), ExpectedTable("default", name=pluralise(model))),
        TableNameForm(f"return {getenv}", "", ('"os"',), env_table),
        TableNameForm(f'return envos.Getenv("{env}")', "", ('envos "os"',), env_table),
        TableNameForm(f"return {const}", f'const {const} = "{literal}"', (), literal_table),
        TableNameForm(f"return {const}", f'const (\n\t_ = iota\n\t{const} = "{literal}"\n)', (), literal_table),
        TableNameForm(f"return {const}", f'const {const} = {prefix}Base\nconst {prefix}Base = "{literal}"', (), literal_table),
        TableNameForm(f"return strings.TrimSpace({getenv})", "", ('"os"', '"strings"'), env_table),
        TableNameForm(
            f'if v := {getenv}; v != "" {{\n\t\treturn v\n\t}}\n\treturn "{literal}"',
            "", ('"os"',), ExpectedTable("env", env=env, name=literal),
        ),
        TableNameForm(
            f'name := {getenv}\n\tif name == "" {{\n\t\treturn "{literal}"\n\t}}\n\treturn name',
            "", ('"os"',), ExpectedTable("env", env=env, name=literal),
        ),
        TableNameForm(f"return {helper}()", f'func {helper}() string {{\n\treturn "{literal}"\n}}', (), literal_table),
        TableNameForm(f"return {helper}()", f"func {helper}() string {{ return {getenv} }}", ('"os"',), env_table),
        # Forms nobody can know statically: the scanner must leave them unresolved.
        TableNameForm(f'return fmt.Sprintf("%s-orders", os.Getenv("STAGE"))', "", ('"fmt"', '"os"'), ExpectedTable("unresolved")),
        TableNameForm('return naming.ResourceNameFromEnv("events")', "", (), ExpectedTable("unresolved")),
        TableNameForm(f"return {override}", f"var {override} string", (), ExpectedTable("unresolved")),
        TableNameForm(f'return "app-" + {getenv}', "", ('"os"',), ExpectedTable("unresolved")),
        TableNameForm(f"return {helper}({getenv})", f"func {helper}(s string) string {{ return s }}", ('"os"',), ExpectedTable("unresolved")),
    ]
    return draw(st.sampled_from(forms))


RECEIVER_SHAPES = ("m *{t}", "m {t}", "*{t}", "{t}", "_ {t}", "m (*{t})", "/* r */ m *{t}", "m  * {t}")


@st.composite
def other_table_name_methods(draw: st.DrawFn, name: str, params: str) -> str:
    """TableName on a struct that is no model: generic receivers, bare returns, nested returns."""
    receiver = f"{draw(st.sampled_from(('*', '', '* ')))}{name}{_type_arguments(params)}"
    body = draw(st.sampled_from((
        f'{{ return "{name}" }}',
        "(table string) {\n\ttable = \"x\"\n\treturn\n}",
        "string {\n\tf := func() string { return \"closure\" }\n\tswitch f() {\n\tcase \"a\":\n\t\treturn \"a\" + f()\n\t}\n\treturn strings.ToLower( \"B\" )\n}",
    )))
    if body.startswith("{"):
        body = "string " + body
    return f"func (m {receiver}) TableName() {body}"


# --- files and trees ---------------------------------------------------------------------------


@st.composite
def go_files(draw: st.DrawFn, type_names: list[str]) -> tuple[str, dict[str, ExpectedTable]]:
    """One Go file declaring `type_names`: structs, some models with TableName, other types."""
    structs: list[StructDecl] = []
    methods: list[str] = []
    helpers: list[str] = []
    imports: set[str] = set()
    tables: dict[str, ExpectedTable] = {}
    for name in type_names:
        params = draw(st.sampled_from(("",) * 4 + TYPE_PARAMS))
        model = name[0].isupper() and not params and draw(st.booleans())
        key_field = ('\tPK string `dynamorm:"pk"`\n',) if model else ()
        structs.append(StructDecl(name, draw(struct_bodies(key_field)), params))
        if model:
            form = draw(table_name_forms(name))
            receiver = draw(st.sampled_from(RECEIVER_SHAPES)).format(t=name)
            methods.append(f"func ({receiver}) TableName() string {{\n\t{form.body}\n}}")
            helpers.extend(h for h in (form.helpers,) if h)
            imports.update(form.imports)
            tables[name] = form.expected
        elif draw(st.integers(0, 3)) == 0:
            methods.append(draw(other_table_name_methods(name, params)))
    if draw(st.integers(0, 4)) == 0:
        helpers.append("func local() {\n\ttype Local struct {\n\t\tID string `dynamorm:\"pk\"`\n\t}\n\t_ = Local{}\n}")
    blocks = _type_blocks(draw, structs)
    header = f"package {PACKAGE_DIR}\n"
    if imports:
        header += "\nimport (\n" + "".join(f"\t{spec}\n" for spec in sorted(imports)) + ")\n"
    source = header + "\n" + "\n\n".join(blocks + helpers + methods) + "\n"
    if draw(st.integers(0, 9)) == 0:
        source = source.replace("\n", "\r\n")  # written on Windows
    if draw(st.integers(0, 19)) == 0:
        source = "\ufeff" + source  # a byte order mark, which Go skips
    return source, tables


def _type_blocks(draw: st.DrawFn, structs: list[StructDecl]) -> list[str]:
    """The type declarations: single, or grouped in `type (...)` with non-struct types between."""
    blocks: list[str] = []
    index = 0
    while index < len(structs):
        group = draw(st.integers(1, 3)) if draw(st.booleans()) else 0
        if group:
            chosen = structs[index : index + group]
            index += len(chosen)
            specs = [f"\t{s.name}{s.type_params} {s.body}" for s in chosen]
            other = chosen[0].name
            specs.insert(draw(st.integers(0, len(specs))), draw(st.sampled_from((
                f"\t{other}Status string", f"\t{other}Alias = Order", "\t// comment in the group", f"\t{other}Fn func()",
            ))))
            blocks.append("type (\n" + "\n".join(specs) + "\n)")
        else:
            s = structs[index]
            index += 1
            keyword = draw(st.sampled_from(("type ", "type /* c */ ", "type  ")))
            blocks.append(f"{keyword}{s.name}{s.type_params} {s.body}")
    return blocks


@st.composite
def go_trees(draw: st.DrawFn) -> GoTree:
    names = draw(st.lists(st.sampled_from(TYPE_NAMES), min_size=1, max_size=5, unique=True))
    file_count = draw(st.integers(1, min(3, len(names))))
    files: dict[str, str] = {}
    tables: dict[str, ExpectedTable] = {}
    for number in range(file_count):
        source, found = draw(go_files(names[number::file_count]))
        files[f"{PACKAGE_DIR}/file{number}.go"] = source
        tables.update(found)
    return GoTree(files, tables)
