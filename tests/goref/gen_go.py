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
    """Optional space between tokens that may touch."""
    return draw(st.sampled_from(("", "", " ")))


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
    key = draw(st.sampled_from(TAG_KEYS))
    value = draw(orm_tag_values()) if key in ("dynamorm", "theorydb") else draw(st.sampled_from(("id", "-", "name,omitempty", "")))
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
    return f"{key}:{_go_quote(value, draw)}"


@st.composite
def tag_contents(draw: st.DrawFn) -> str:
    """The unquoted tag: pairs joined by spaces (sometimes by none, a tab, or a newline)."""
    pairs = draw(st.lists(tag_pairs(), min_size=1, max_size=3))
    separators = draw(st.lists(st.sampled_from((" ", " ", "  ", "", "\t")), min_size=len(pairs), max_size=len(pairs)))
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
    return _go_quote(content, draw)


# --- structs ------------------------------------------------------------------------------------


@st.composite
def field_lines(draw: st.DrawFn, names: list[str]) -> str:
    """One field declaration line, with its indentation and newline."""
    indent = draw(st.sampled_from(("\t", "    ", "\t\t")))
    tag = f"{_gap(draw)}{draw(tag_literals())}" if draw(st.integers(0, 3)) else ""
    trailer = draw(st.sampled_from(("", "", " // note", " /* after */", "// `x:\"y\"`")))
    if names:
        names_text = draw(st.sampled_from((",", ", ", " , ", ",/* c */"))).join(names)
        declaration = f"{names_text}{_gap(draw)}{draw(type_exprs())}"
    else:
        embedded = draw(st.sampled_from(EMBED_NAMES) | st.builds(
            lambda generic, argument: f"{generic}[{argument}]", st.sampled_from(GENERIC_NAMES), st.sampled_from(BASIC_TYPES)
        ))
        declaration = f"{draw(st.sampled_from(('', '*', '* ')))}{embedded}"
    before = draw(st.sampled_from(("", "", "/* lead */ ")))
    return f"{indent}{before}{declaration}{tag}{trailer}\n"


@st.composite
def struct_bodies(draw: st.DrawFn, extra_fields: tuple[str, ...] = ()) -> str:
    """`struct {...}`: fields with one or several names, embeds, comment lines between them."""
    pool = draw(st.permutations(EXPORTED_NAMES + UNEXPORTED_NAMES))
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
    imports: tuple[str, ...]
    expected: ExpectedTable


ENV_NAMES = ("ORDERS_TABLE", "USERS_TABLE_NAME", "TABLE", "APP_EVENTS")
LITERAL_NAMES = ("orders", "app-users", "Ledger.v2", "t_1")


@st.composite
def table_name_forms(draw: st.DrawFn, model: str) -> TableNameForm:
    env = draw(st.sampled_from(ENV_NAMES))
    literal = draw(st.sampled_from(LITERAL_NAMES))
    const = f"{model.lower()}Table"
    helper = f"{model.lower()}TableName"
    kind = draw(st.integers(0, 9))
    if kind == 0:
        quoted = draw(st.sampled_from((f'"{literal}"', f"`{literal}`")))
        return TableNameForm(f"return {quoted}", "", (), ExpectedTable("literal", name=literal))
    if kind == 1:
        return TableNameForm(f'return os.Getenv("{env}")', "", ("os",), ExpectedTable("env", env=env))
    if kind == 2:
        helpers = draw(st.sampled_from((f'const {const} = "{literal}"', f'const (\n\t{const} = "{literal}"\n)')))
        return TableNameForm(f"return {const}", helpers, (), ExpectedTable("literal", name=literal))
    if kind == 3:
        return TableNameForm(
            f'return strings.TrimSpace(os.Getenv("{env}"))', "", ("os", "strings"), ExpectedTable("env", env=env)
        )
    if kind == 4:
        body = f'if v := os.Getenv("{env}"); v != "" {{\n\t\treturn v\n\t}}\n\treturn "{literal}"'
        return TableNameForm(body, "", ("os",), ExpectedTable("env", env=env, name=literal))
    if kind == 5:
        body = f'name := os.Getenv("{env}")\n\tif name == "" {{\n\t\treturn "{literal}"\n\t}}\n\treturn name'
        return TableNameForm(body, "", ("os",), ExpectedTable("env", env=env, name=literal))
    if kind == 6:
        helpers = f'func {helper}() string {{\n\treturn "{literal}"\n}}'
        return TableNameForm(f"return {helper}()", helpers, (), ExpectedTable("literal", name=literal))
    # Forms the scanner cannot know statically: they must stay unresolved.
    unresolved = (
        ('return fmt.Sprintf("%s-orders", os.Getenv("STAGE"))', ("fmt", "os")),
        ("return naming.ResourceNameFromEnv(\"events\")", ()),
        (f"return {model.lower()}Override", ()),
    )
    body, imports = unresolved[kind - 7]
    helpers = f"var {model.lower()}Override string" if "Override" in body else ""
    return TableNameForm(body, helpers, imports, ExpectedTable("unresolved"))


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
            receiver = draw(st.sampled_from((f"m *{name}", f"m {name}", f"*{name}", name, f"_ {name}")))
            methods.append(f"func ({receiver}) TableName() string {{\n\t{form.body}\n}}")
            helpers.extend(h for h in (form.helpers,) if h)
            imports.update(form.imports)
            tables[name] = form.expected
        elif params and draw(st.integers(0, 3)) == 0:
            pointer = draw(st.sampled_from(("*", "")))
            methods.append(f"func (m {pointer}{name}{_type_arguments(params)}) TableName() string {{ return \"{name}\" }}")
    blocks = _type_blocks(draw, structs)
    header = f"package {PACKAGE_DIR}\n"
    if imports:
        header += "\nimport (\n" + "".join(f'\t"{i}"\n' for i in sorted(imports)) + ")\n"
    return header + "\n" + "\n\n".join(blocks + helpers + methods) + "\n", tables


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
