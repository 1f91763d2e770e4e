"""tree-sitter parsing of one Go file into its package-level declarations."""

from __future__ import annotations

import functools
import importlib.resources
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import tree_sitter
import tree_sitter_go

from tagscan.scanner import structtag

_LANGUAGE = tree_sitter.Language(tree_sitter_go.language())
_SUPPRESSION = re.compile(r"^//\s*tagscan:ignore\s+([A-Za-z0-9_-]+(?:\s*,\s*[A-Za-z0-9_-]+)*)\s*(.*)$")
QUERY_NAMES = ("declarations", "comments", "returns", "syntax_checks", "identifiers", "type_refs", "orm_calls")


@functools.cache
def query(name: str) -> tree_sitter.Query:
    """The compiled query `tagscan/queries/<name>.scm` (compiled once per process)."""
    source = importlib.resources.files("tagscan.queries").joinpath(f"{name}.scm").read_text()
    return tree_sitter.Query(_LANGUAGE, source)


def matches(
    name: str, node: tree_sitter.Node, max_start_depth: int | None = None
) -> list[tuple[int, dict[str, list[tree_sitter.Node]]]]:
    cursor = tree_sitter.QueryCursor(query(name))
    if max_start_depth is not None:
        cursor.set_max_start_depth(max_start_depth)
    return cursor.matches(node)


def own_return_statements(body: tree_sitter.Node) -> list[tree_sitter.Node]:
    """The return statements of a function body, in source order, without those of nested func literals."""
    found = []
    for _, captures in matches("returns", body):
        statement = captures["return"][0]
        parent = statement.parent
        while parent is not None and parent != body and parent.type != "func_literal":
            parent = parent.parent
        if parent is None or parent.type != "func_literal":
            found.append(statement)
    return sorted(found, key=lambda n: n.start_byte)


@functools.cache
def _parser() -> tree_sitter.Parser:
    return tree_sitter.Parser(_LANGUAGE)


@dataclass
class TypeDecl:
    name: str
    name_node: tree_sitter.Node
    spec: tree_sitter.Node  # type_spec or type_alias
    type_node: tree_sitter.Node
    alias: bool


@dataclass
class MethodDecl:
    receiver: str  # the receiver's type name, without `*` or type arguments
    pointer: bool
    name: str
    node: tree_sitter.Node


@dataclass
class SuppressionComment:
    line: int
    column: int
    rules: tuple[str, ...]
    reason: str


@dataclass
class ParsedFile:
    path: Path
    source: bytes
    tree: tree_sitter.Tree
    package: str = ""
    imports: dict[str, str] = field(default_factory=dict)  # local name -> import path
    types: dict[str, TypeDecl] = field(default_factory=dict)
    methods: list[MethodDecl] = field(default_factory=list)
    functions: dict[str, tree_sitter.Node] = field(default_factory=dict)
    consts: dict[str, tree_sitter.Node] = field(default_factory=dict)  # name -> value expression
    vars: dict[str, tree_sitter.Node] = field(default_factory=dict)  # package-level vars with a value
    decode_error: int | None = None  # byte offset of the first invalid UTF-8 byte
    ascii: bool = False  # the source is pure ASCII: byte columns are character columns

    def text(self, node: tree_sitter.Node) -> str:
        return self.source[node.start_byte : node.end_byte].decode("utf-8", "replace")

    def position(self, node: tree_sitter.Node) -> tuple[int, int]:
        """1-based line and character column of a node (tree-sitter columns are bytes)."""
        row, byte_column = node.start_point
        if self.ascii:
            return row + 1, byte_column + 1
        prefix = self.source[node.start_byte - byte_column : node.start_byte]
        if prefix.isascii():
            return row + 1, byte_column + 1
        return row + 1, len(prefix.decode("utf-8", "replace")) + 1

    def syntax_error(self) -> tuple[int, int, str] | None:
        """The first thing go/parser would reject, as (line, column, message), or None."""
        found: list[tuple[int, int, str]] = []
        nul = self.source.find(b"\x00")
        if nul >= 0:
            found.append((self.source.count(b"\n", 0, nul) + 1, 1, "illegal character NUL"))
        error = self._first_error_node()
        if error is not None:
            found.append((*self.position(error), f"missing {error.type}" if error.is_missing else "unexpected input"))
        declarations = [n for n in self.tree.root_node.named_children if n.type != "comment"]
        if not declarations or declarations[0].type != "package_clause":
            where = self.position(declarations[0]) if declarations else (1, 1)
            found.append((*where, "expected 'package'"))
        for node in declarations[1:]:
            if node.type not in _TOP_LEVEL:
                found.append((*self.position(node), "non-declaration statement outside function body"))
                break
        subtrees, parameter_lists = self._checked_subtrees(declarations)
        for subtree in subtrees:
            for _, captures in matches("syntax_checks", subtree):
                if "parameters" in captures:
                    parameter_lists.append(captures["parameters"][0])
                else:
                    problem = _escape_problem(self, captures["escape"][0])
                    if problem is not None:
                        found.append((*self.position(problem[0]), problem[1]))
        for parameters in parameter_lists:
            problem = _parameters_problem(parameters)
            if problem is not None:
                found.append((*self.position(problem[0]), problem[1]))
        if not self.ascii:  # an ASCII identifier is always valid
            for _, captures in matches("identifiers", self.tree.root_node):
                problem = _identifier_problem(self, captures["identifier"][0])
                if problem is not None:
                    found.append((*self.position(problem[0]), problem[1]))
        return min(found) if found else None

    def _checked_subtrees(self, declarations: list[tree_sitter.Node]) -> tuple[list[tree_sitter.Node], list[tree_sitter.Node]]:
        """Where to look for bad parameter lists and escapes: the subtrees to query, and parameter
        lists to check as they are. The whole file when its bytes hold a suspicious escape or are
        not ASCII; otherwise every declaration but function bodies (a full walk of the bodies would
        cost as much as parsing them). A signature's parts are queried only when something could be
        nested in them (a func, struct or interface type, a literal): a cursor per part would cost
        more than checking its parameter list directly."""
        if _SUSPICIOUS_ESCAPE.search(self.source) or not self.ascii:
            return [self.tree.root_node], []
        subtrees: list[tree_sitter.Node] = []
        parameter_lists: list[tree_sitter.Node] = []
        for node in declarations:
            if node.type not in ("function_declaration", "method_declaration"):
                subtrees.append(node)
                continue
            for part in node.named_children:
                if part.type == "block":
                    continue
                if _MAY_NEST.search(self.source, part.start_byte, part.end_byte):
                    subtrees.append(part)
                elif part.type == "parameter_list":
                    parameter_lists.append(part)
        return subtrees, parameter_lists

    def _first_error_node(self) -> tree_sitter.Node | None:
        node = self.tree.root_node
        if not node.has_error:
            return None
        while True:
            for child in node.children:
                if child.is_error or child.is_missing:
                    return child
                if child.has_error:
                    node = child
                    break
            else:
                return node

    def suppressions(self) -> list[SuppressionComment]:
        found: list[SuppressionComment] = []
        if b"tagscan:ignore" not in self.source:
            return found
        for _, captures in matches("comments", self.tree.root_node):
            node = captures["comment"][0]
            parsed = _SUPPRESSION.match(self.text(node).strip())
            if parsed is None:
                continue
            line, column = self.position(node)
            rules = tuple(r.strip() for r in parsed.group(1).split(","))
            found.append(SuppressionComment(line, column, rules, parsed.group(2).strip()))
        return found


_TOP_LEVEL = {
    "import_declaration", "function_declaration", "method_declaration", "type_declaration",
    "const_declaration", "var_declaration", "ERROR",
}
_IDENTIFIER_CATEGORIES = {"Lu", "Ll", "Lt", "Lm", "Lo", "Nd"}
# What a signature's parameter list or result can hold a parameter list or an escape in.
_MAY_NEST = re.compile(rb"func|struct|interface|[\"'`]")
# A backslash followed by something no Go escape starts with (a cheap filter on the bytes).
_SUSPICIOUS_ESCAPE = re.compile(rb"\\[^abfnrtv\\\"'0-7xuU]")
_STRING_ESCAPE = re.compile(r'\\(?:[abfnrtv\\"]|[0-7]{3}|x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8})\Z')
_RUNE_ESCAPE = re.compile(r"\\(?:[abfnrtv\\']|[0-7]{3}|x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8})\Z")


def _parameters_problem(parameters: tree_sitter.Node) -> tuple[tree_sitter.Node, str] | None:
    declared = [p for p in parameters.named_children if p.type in ("parameter_declaration", "variadic_parameter_declaration")]
    named = [p.child_by_field_name("name") is not None for p in declared]
    if any(named) and not all(named):
        return parameters, "mixed named and unnamed parameters"
    return None


def _escape_problem(file: ParsedFile, escape: tree_sitter.Node) -> tuple[tree_sitter.Node, str] | None:
    pattern = _RUNE_ESCAPE if escape.parent is not None and escape.parent.type == "rune_literal" else _STRING_ESCAPE
    text = file.text(escape)
    if not pattern.match(text):
        return escape, "unknown escape sequence"
    if text[1] in "uU":
        code = int(text[2:], 16)
        if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            return escape, "escape sequence is invalid Unicode code point"
    elif text[1] in "01234567" and int(text[1:], 8) > 255:
        return escape, "octal escape value > 255"
    return None


def _identifier_problem(file: ParsedFile, identifier: tree_sitter.Node) -> tuple[tree_sitter.Node, str] | None:
    """Go identifiers are letters, decimal digits and `_`; tree-sitter-go also takes other XID characters."""
    text = file.text(identifier)
    if text.isascii() or all(ch == "_" or unicodedata.category(ch) in _IDENTIFIER_CATEGORIES for ch in text):
        return None
    return identifier, f"invalid character in identifier {text!r}"


@functools.lru_cache(maxsize=65536)
def unquote_or_none(literal: str) -> str | None:
    try:
        return structtag.unquote(literal)
    except ValueError:
        return None


def default_import_name(import_path: str) -> str:
    """The name an unaliased import is used by: the last element, skipping a /vN suffix."""
    elements = import_path.split("/")
    if len(elements) > 1 and re.fullmatch(r"v[0-9]+", elements[-1]):
        return elements[-2]
    return elements[-1]


def field_declarations(struct: tree_sitter.Node) -> list[tree_sitter.Node]:
    """The field declarations of a struct_type node, in order (comments skipped)."""
    for body in struct.named_children:
        if body.type == "field_declaration_list":
            return [n for n in body.named_children if n.type == "field_declaration"]
    return []


def _receiver(file: ParsedFile, receiver: tree_sitter.Node) -> tuple[str, bool] | None:
    for parameter in receiver.named_children:
        if parameter.type != "parameter_declaration":
            continue
        type_node = parameter.child_by_field_name("type")
        pointer = False
        while type_node is not None and type_node.type in ("pointer_type", "parenthesized_type"):
            pointer = pointer or type_node.type == "pointer_type"
            type_node = type_node.named_children[0] if type_node.named_children else None
        if type_node is not None and type_node.type == "generic_type":
            type_node = type_node.child_by_field_name("type")
        if type_node is not None and type_node.type == "type_identifier":
            return file.text(type_node), pointer
    return None


def _terminate_multiline_comments(source: bytes, tree: tree_sitter.Tree) -> bytes:
    """Go reads a /* */ comment that spans lines as a newline, which ends a statement or field
    (`ID string /* a\n b */ Name string` is two fields); tree-sitter-go reads it as a space.
    Where Go would insert a semicolon there, the blank after the comment becomes `;`: same
    length, so no offset or line moves."""
    patched = bytearray(source)
    for _, captures in matches("comments", tree.root_node):
        comment = captures["comment"][0]
        text = source[comment.start_byte : comment.end_byte]
        if not text.startswith(b"/*") or b"\n" not in text:
            continue
        before = source[: comment.start_byte].rstrip(b" \t")
        after = comment.end_byte
        if after >= len(source) or source[after : after + 1] not in (b" ", b"\t"):
            continue
        rest = source[after:].lstrip(b" \t")
        if rest[:1] in (b"\n", b"\r", b"") or rest.startswith(b"//"):
            continue
        word = _TRAILING_WORD.search(before)
        if word is not None and word.group() in _KEYWORDS_WITHOUT_SEMICOLON:
            continue
        if word is not None or before[-1:] in (b")", b"]", b"}", b'"', b"`", b"'", b"+", b"-"):
            patched[after] = ord(";")
    return bytes(patched)


_TRAILING_WORD = re.compile(rb"[A-Za-z0-9_]+$")
# Go inserts a semicolon after an identifier, a literal, `)`, `]`, `}`, `++`, `--` and the keywords
# break, continue, fallthrough and return; after any other keyword a line goes on.
_KEYWORDS_WITHOUT_SEMICOLON = frozenset(
    b"case chan const default defer else for func go goto if import interface map package range "
    b"select struct switch type var".split()
)


def parse_file(path: Path, source: bytes) -> ParsedFile:
    """Parse Go source; tree-sitter recovers what it can from broken input."""
    if not source.endswith(b"\n"):
        # tree-sitter-go wants a newline after the last declaration; Go does not (a file cut
        # after `}` or ending in a lone CR compiles). Appending one moves no existing offset.
        source += b"\n"
    tree = _parser().parse(source)
    if b"/*" in source:
        terminated = _terminate_multiline_comments(source, tree)
        if terminated != source:
            source, tree = terminated, _parser().parse(terminated)
    file = ParsedFile(path=path, source=source, tree=tree, ascii=source.isascii())
    try:
        source.decode("utf-8")
    except UnicodeDecodeError as exc:
        file.decode_error = exc.start
    for _, c in matches("declarations", tree.root_node, max_start_depth=0):
        if "package" in c:
            file.package = file.text(c["package"][0])
        elif "import" in c:
            spec = c["import"][0]
            path_text = unquote_or_none(file.text(c["import.path"][0]))
            alias = spec.child_by_field_name("name")
            if path_text is not None:
                file.imports[file.text(alias) if alias is not None else default_import_name(path_text)] = path_text
        elif "type" in c:
            name = file.text(c["type.name"][0])
            file.types.setdefault(name, TypeDecl(name, c["type.name"][0], c["type"][0], c["type.type"][0], False))
        elif "alias" in c:
            name = file.text(c["alias.name"][0])
            file.types.setdefault(name, TypeDecl(name, c["alias.name"][0], c["alias"][0], c["alias.type"][0], True))
        elif "method" in c:
            receiver = _receiver(file, c["method.receiver"][0])
            if receiver is not None:
                file.methods.append(
                    MethodDecl(receiver[0], receiver[1], file.text(c["method.name"][0]), c["method"][0])
                )
        elif "function" in c:
            file.functions.setdefault(file.text(c["function.name"][0]), c["function"][0])
        elif "const" in c or "var" in c:
            spec = c["const"][0] if "const" in c else c["var"][0]
            declared = file.consts if "const" in c else file.vars
            names = spec.children_by_field_name("name")
            values = spec.child_by_field_name("value")
            if values is None:
                continue
            for name_node, value in zip(names, values.named_children):
                declared.setdefault(file.text(name_node), value)
    return file
