"""Hypothesis strategies that write Go packages nobody wrote by hand.

`go_trees()` draws a small tree (one package, one to three files) with random struct shapes:
grouped declarations, several names per field, embeds of every kind, generics, comments in
odd places, raw and interpreted tags with escapes, tags Go considers malformed, and ORM tags
from the grammar and near-misses of it. Some structs are models with a `TableName` method in
one of the forms the scanner resolves, or one it must leave unresolved; the tree records what
each such model's table must resolve to.

Everything `go_trees()` draws is valid Go syntax: the Go reference program must parse every
file. `broken_go_trees()` then damages one file, for the syntax-error differential.
"""

from __future__ import annotations

import pathlib
from dataclasses import dataclass, field

from hypothesis import strategies as st

PACKAGE_DIR = "models"
NOT_UTF8 = "\xff"  # drawn as U+00FF (never used otherwise), written as the byte 0xff

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

SPANNING_COMMENT = " /* spans\n\t   lines */"

# Pieces of tag text that matter to reflect.StructTag's scanner, for tags made of anything.
TAG_FRAGMENTS = (
    "dynamorm", "theorydb", ":", '"', "\\", " ", "\t", "pk", ",", "x", '\\"', "\\x41", "\\u00e9", "\\n",
    "'", "\x7f", "é", "\x01", 'dynamorm:"', 'theorydb:"', '"pk"', "-",
)


@dataclass(frozen=True)
class ExpectedTable:
    """What `tagscan.scan` must say about a model's table (fields of `TableRef`)."""

    source: str
    env: str | None = None
    name: str | None = None
    envs: tuple[str, ...] = ()
    pattern: str | None = None


@dataclass
class GoTree:
    files: dict[str, str]  # path relative to the tree root -> Go source
    tables: dict[str, ExpectedTable] = field(default_factory=dict)  # model name -> its table

    def write(self, root: pathlib.Path) -> None:
        for relative, source in self.files.items():
            path = root / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            # Bytes, not text: a \r stays as drawn, and NOT_UTF8 becomes the byte it stands for.
            path.write_bytes(source.encode("utf-8").replace(NOT_UTF8.encode("utf-8"), b"\xff"))


def _rarely(draw: st.DrawFn, one_in: int) -> bool:
    """True about once in `one_in` draws; shrinks to False, so failures shrink to plain Go."""
    return draw(st.integers(1, one_in)) == one_in


def _gap(draw: st.DrawFn) -> str:
    """Space between two tokens on one line: blanks, tabs or a block comment."""
    return draw(st.sampled_from((" ", " ", "  ", "\t", " /* c */ ", "/**/ ", " " + "/*x*/")))


def _tight(draw: st.DrawFn) -> str:
    """Optional space, rarely a comment, between tokens of a type expression."""
    return draw(st.sampled_from(("", "", "", " ", " ", "/*t*/")))


# --- type expressions -------------------------------------------------------------------------


@st.composite
def type_exprs(draw: st.DrawFn, depth: int = 0) -> str:
    if depth >= 2 or draw(st.integers(0, 2)) == 0:  # shrinks to a basic type
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
        return draw(st.sampled_from(("[N+1]int", '[len("ab")]byte', "[2*N]T", "[0]func()")))
    return draw(st.sampled_from((
        "func()", "func(...int)", "func(a ...string) (b, c int)", "interface{ comparable; M() }",
        "models.Page[shared.ID]", "Page[Page[int]]", "struct{}", "struct{ _ [0]func() }",
    )))


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
        elif ch.isascii() and _rarely(draw, 10):
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
    shape = draw(st.integers(0, 15)) - 8  # 0..7: a malformed pair; below: a valid one
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
    """The unquoted tag: pairs joined by spaces (sometimes by none, a tab, or a newline), or
    now and then a string of fragments that stress the tag scanner."""
    if _rarely(draw, 6):
        return "".join(draw(st.lists(st.sampled_from(TAG_FRAGMENTS), max_size=12)))
    pairs = draw(st.lists(tag_pairs(), min_size=1, max_size=3))
    separators = draw(st.lists(st.sampled_from((" ", " ", "  ", "", "\t", "\n")), min_size=len(pairs), max_size=len(pairs)))
    text = "".join(separator + pair for separator, pair in zip(separators, pairs))
    return text[1:] if text.startswith(" ") and draw(st.booleans()) else text


@st.composite
def tag_literals(draw: st.DrawFn) -> str:
    """A tag as Go source: a raw string (maybe holding a \\r Go drops) or an interpreted one."""
    content = draw(tag_contents())
    if "`" not in content and draw(st.booleans()):
        if _rarely(draw, 16):
            content = content.replace(" ", " \r", 1)
        return f"`{content}`"
    if _rarely(draw, 21):
        return _go_quote(content, draw)[:-1] + ' x:\\"\\xff\\""'  # a byte that is not UTF-8
    return _go_quote(content, draw)


# --- structs ------------------------------------------------------------------------------------


@st.composite
def field_declarations(draw: st.DrawFn, names: list[str]) -> str:
    """One field declaration (named or embedded), with its tag, without line structure."""
    tag = f"{_gap(draw)}{draw(tag_literals())}" if draw(st.integers(0, 3)) else ""
    if len(names) == 1 and _rarely(draw, 12):
        # The comment ends the line after the name: Go reads two embedded fields.
        declaration = f"{names[0]}{SPANNING_COMMENT} {draw(st.sampled_from(BASIC_TYPES))}"
    elif names:
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
    trailer = draw(st.sampled_from(("", "", " // note", " /* after */", "// `x:\"y\"`", ";", SPANNING_COMMENT)))
    # A comment spanning lines ends the field as a newline does: what follows may share its last line.
    end = " " if trailer == SPANNING_COMMENT else "\n"
    return f"{indent}{draw(field_declarations(names))}{trailer}{end}"


@st.composite
def struct_bodies(draw: st.DrawFn, extra_fields: tuple[str, ...] = ()) -> str:
    """`struct {...}`: fields with one or several names, embeds, comment lines between them."""
    pool = draw(st.permutations(EXPORTED_NAMES + UNEXPORTED_NAMES))
    if _rarely(draw, 6):
        # All on one line, separated by semicolons.
        inline = [line.strip() for line in extra_fields]
        inline += [draw(field_declarations(list(pool[i : i + 1]))) for i in range(draw(st.integers(1, 3)))]
        return f"struct{{ {'; '.join(inline)} }}"
    lines = list(extra_fields)
    taken = 0
    for _ in range(draw(st.integers(0, 6))):
        if _rarely(draw, 4):
            lines.append(draw(field_lines([])))
            continue
        count = draw(st.integers(1, 3))
        lines.append(draw(field_lines(list(pool[taken : taken + count]))))
        taken += count
        if _rarely(draw, 6):
            lines.append(draw(st.sampled_from(("\t// a comment line\n", "\n", "\t/* block\n\t   comment */\n"))))
    draw(st.randoms()).shuffle(lines)
    if not lines and draw(st.booleans()):
        return "struct{}"
    opening = draw(st.sampled_from(("struct {", "struct{", "struct /* c */ {", "struct { // open")))
    return f"{opening}\n{''.join(lines)}}}"


TYPE_PARAMS = (
    "[T any]", "[K comparable, V any]", "[T ~int | ~string]", "[K, V any]", "[T interface{ M() }]",
    "[T /* c */ any]", "[_ any]",
)


def _type_arguments(params: str) -> str:
    """The receiver's type arguments for a type parameter list: `[K, V]` for `[K comparable, V any]`."""
    if params in ("[K comparable, V any]", "[K, V any]"):
        return "[K, V]"
    if params == "[_ any]":
        return "[_]"
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
    env_table = ExpectedTable("env", env=env, envs=(env,))
    literal_table = ExpectedTable("literal", name=literal)
    chain = ("APP_" + env, env, "LEGACY_" + env, "OLD_" + env)
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
            "", ('"os"',), ExpectedTable("env", env=env, name=literal, envs=(env,)),
        ),
        TableNameForm(
            f'name := {getenv}\n\tif name == "" {{\n\t\treturn "{literal}"\n\t}}\n\treturn name',
            "", ('"os"',), ExpectedTable("env", env=env, name=literal, envs=(env,)),
        ),
        TableNameForm(f"return {helper}()", f'func {helper}() string {{\n\treturn "{literal}"\n}}', (), literal_table),
        TableNameForm(f"return {helper}()", f"func {helper}() string {{ return {getenv} }}", ('"os"',), env_table),
        TableNameForm(f"return {helper}({getenv})", f"func {helper}(s string) string {{ return s }}", ('"os"',), env_table),
        TableNameForm(f"return {override}", f"var {override} = {getenv}", ('"os"',), env_table),
        # Chains of env vars, as services read the names every release of their stack exported.
        TableNameForm(
            f'if v := os.Getenv("{chain[0]}"); v != "" {{\n\t\treturn v\n\t}}\n'
            f'\tif v, ok := os.LookupEnv("{chain[1]}"); ok && v != "" {{\n\t\treturn v\n\t}}\n'
            f'\treturn cmp.Or(strings.TrimSpace(os.Getenv("{chain[2]}")), os.Getenv("{chain[3]}"), "{literal}")',
            "", ('"cmp"', '"os"', '"strings"'), ExpectedTable("env", env=chain[0], name=literal, envs=chain),
        ),
        TableNameForm(
            f'name := os.Getenv("{chain[0]}")\n\tif name == "" {{\n\t\tname = {getenv}\n\t}}\n\treturn name',
            "", ('"os"',), ExpectedTable("env", env=chain[0], envs=chain[:2]),
        ),
        # Names formatted from env vars: patterns.
        TableNameForm(f'return fmt.Sprintf("%s-orders", os.Getenv("STAGE"))', "", ('"fmt"', '"os"'),
                      ExpectedTable("pattern", envs=("STAGE",), pattern="${STAGE}-orders")),
        TableNameForm(f'return "app-" + {getenv}', "", ('"os"',), ExpectedTable("pattern", envs=(env,), pattern=f"app-${{{env}}}")),
        # Forms nobody can know statically: the scanner must leave them unresolved.
        TableNameForm('return naming.ResourceNameFromEnv("events")', "", (), ExpectedTable("unresolved")),
        TableNameForm(f"return {override}", f"var {override} string", (), ExpectedTable("unresolved")),
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
        "(string, error) {\n\treturn \"a\",\n\t\tnil // two results\n}",
    )))
    if body.startswith("{"):
        body = "string " + body
    return f"func (m {receiver}) TableName() {body}"


@st.composite
def orm_calls(draw: st.DrawFn, model: str) -> str:
    """A function handing the model to the ORM, as repositories and migrations write it."""
    argument = draw(st.sampled_from(("&{t}{{}}", "{t}{{}}", "new({t})", "( &{t}{{ /* zero */ }} )", "&{t}{{\n\t\tPK: \"x\",\n\t}}")))
    argument = argument.format(t=model)
    call = draw(st.sampled_from((
        f"db.Model({argument}).Create()", f"db.CreateTable({argument}, opts...)", f"db.EnsureTable({argument})",
        f"registry.Register({argument})", f"db.AutoMigrate(&{model}{{}}, {argument})", f"db.WithContext(ctx).Model({argument})",
    )))
    return f"func save{model}(ctx, db, registry any, opts ...any) {{\n\t{call}\n}}"


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
            if _rarely(draw, 3):
                helpers.append(draw(orm_calls(name)))
        elif _rarely(draw, 4):
            methods.append(draw(other_table_name_methods(name, params)))
    if _rarely(draw, 5):
        helpers.append("func TableName() string { return \"not a method\" }")
        helpers.append("func local() {\n\ttype Local struct {\n\t\tID string `dynamorm:\"pk\"`\n\t}\n\t_ = Local{}\n}")
    blocks = _type_blocks(draw, structs)
    header = f"package {PACKAGE_DIR}\n"
    if imports:
        header += "\nimport (\n" + "".join(f"\t{spec}\n" for spec in sorted(imports)) + ")\n"
    source = header + "\n" + "\n\n".join(blocks + helpers + methods) + "\n"
    if _rarely(draw, 10):
        source = source.replace("\n", "\r\n")  # written on Windows
    if _rarely(draw, 20):
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
            separator = draw(st.sampled_from(("\n", "\n", ";")))  # ";" may put two specs on one line
            other = chosen[0].name
            # A spec of its own: between semicolons a lone comment would leave an empty spec.
            comment = "\t// comment in the group" if separator == "\n" else f"\t/* comment in the group */ {other}Count int"
            specs.insert(draw(st.integers(0, len(specs))), draw(st.sampled_from((
                f"\t{other}Status string", f"\t{other}Alias = Order", comment, f"\t{other}Fn func()",
            ))))
            blocks.append("type (\n" + separator.join(specs) + "\n)")
        else:
            s = structs[index]
            index += 1
            keyword = draw(st.sampled_from(("type ", "type /* c */ ", "type  ")))
            before_body = draw(st.sampled_from((" ", " ", " /* c */ ", "\t")))
            blocks.append(f"{keyword}{s.name}{s.type_params}{before_body}{s.body}")
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


# --- deliberately broken files ------------------------------------------------------------------

BREAKING_INSERTS = (
    "{", "}", "`", '"', "(", "\\", "\x00", NOT_UTF8,
    "Ⅻ", "\u0301", "\\uD800", "\\400",  # no Go identifier character; escapes of no code point
)


@st.composite
def broken_go_trees(draw: st.DrawFn) -> GoTree:
    """A generated tree with one file damaged the way edits and bad saves damage files:
    truncated, one character deleted or doubled, or a stray brace, quote or byte inserted.
    The result may still be valid Go; the table expectations no longer hold and are dropped."""
    tree = draw(go_trees())
    path = draw(st.sampled_from(sorted(tree.files)))
    source = tree.files[path]
    at = draw(st.integers(0, len(source)))
    damage = draw(st.sampled_from(("truncate", "delete", "double", "insert")))
    if damage == "truncate":
        source = source[:at]
    elif damage == "delete":
        source = source[:at] + source[at + 1 :]
    elif damage == "double":
        source = source[:at] + source[at : at + 1] + source[at:]
    else:
        source = source[:at] + draw(st.sampled_from(BREAKING_INSERTS)) + source[at:]
    return GoTree({**tree.files, path: source})
