"""The syntax-level view of a directory that the Go reference program (go/parser) is compared with."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tagscan.errors import InputError
from tagscan.scanner import structtag
from tagscan.scanner.files import walk_go_files
from tagscan.scanner.parse import ParsedFile, field_declarations, matches, own_return_statements, parse_file, unquote_or_none
from tagscan.scanner.tablename import compact

LOOKUP_KEYS = ("dynamorm", "theorydb")


def declarations(directory: str | Path) -> list[dict[str, Any]]:
    """One entry per Go file under `directory` (the files `go build` reads), sorted by path."""
    root = Path(directory).resolve()
    if not root.is_dir():
        raise InputError(f"{directory}: not a directory")
    entries = []
    for path in walk_go_files(root, include_tests=False, unreadable=[]):
        try:
            source = path.read_bytes()
        except OSError as exc:
            raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
        entries.append(file_declarations(parse_file(path, source), path.relative_to(root).as_posix()))
    return sorted(entries, key=lambda e: e["file"])


def file_declarations(file: ParsedFile, relative: str) -> dict[str, Any]:
    structs = []
    for decl in sorted(file.types.values(), key=lambda d: d.spec.start_byte):
        if decl.alias or decl.type_node.type != "struct_type":
            continue
        parameters = decl.spec.child_by_field_name("type_parameters")
        structs.append({
            "name": decl.name,
            "line": file.position(decl.spec)[0],
            "type_params": [
                file.text(name)
                for group in (parameters.named_children if parameters is not None else [])
                for name in group.children_by_field_name("name")
            ],
            "fields": [_field(file, d) for d in field_declarations(decl.type_node)],
        })
    methods = []
    for method in file.methods:
        if method.name != "TableName":
            continue
        body = method.node.child_by_field_name("body")
        methods.append({
            "receiver": method.receiver,
            "pointer": method.pointer,
            "line": file.position(method.node)[0],
            "returns": _returns(file, body) if body is not None else [],
            "envs": _env_reads(file, body) if body is not None else [],
        })
    return {
        "file": relative,
        # in source order, as go/ast lists them (several may share a line)
        "structs": structs,
        "table_name_methods": methods,
        "orm_calls": _orm_calls(file),
    }


def _field(file: ParsedFile, declaration) -> dict[str, Any]:  # noqa: ANN001
    type_node = declaration.child_by_field_name("type")
    names = [file.text(n) for n in declaration.children_by_field_name("name")]
    type_text = compact(file.text(type_node)) if type_node is not None else ""
    star = next((child for child in declaration.children if child.type == "*"), None)
    if not names and star is not None and type_node is not None:
        # go/ast's StarExpr spans from `*` to the type, comments in between included
        type_text = compact(file.source[star.start_byte : type_node.end_byte].decode("utf-8", "replace"))
    tag_node = declaration.child_by_field_name("tag")
    raw_tag = unquote_or_none(file.text(tag_node)) if tag_node is not None else None
    lookups = {}
    for key in LOOKUP_KEYS:
        value, ok = structtag.lookup(raw_tag, key) if raw_tag is not None else ("", False)
        lookups[key] = {"value": value, "ok": ok}
    return {"names": names, "type": type_text, "embedded": not names, "raw_tag": raw_tag, "lookups": lookups}


def _returns(file: ParsedFile, body) -> list[str]:  # noqa: ANN001
    """Every return statement of the body outside nested function literals, as compact source."""
    return [
        compact(file.text(statement.named_children[0])) if statement.named_children else ""
        for statement in own_return_statements(body)
    ]


def _env_reads(file: ParsedFile, body) -> list[str]:  # noqa: ANN001
    """The literal names of os.Getenv/os.LookupEnv calls in the body, closures included, in source order."""
    found = []
    stack = [body]
    while stack:
        node = stack.pop()
        stack.extend(reversed(node.named_children))
        if node.type != "call_expression":
            continue
        function, arguments = node.child_by_field_name("function"), node.child_by_field_name("arguments")
        if function is None or arguments is None or function.type != "selector_expression":
            continue
        operand, field = function.child_by_field_name("operand"), function.child_by_field_name("field")
        values = [a for a in arguments.named_children if a.type != "comment"]
        if (operand is None or field is None or operand.type != "identifier" or len(values) != 1
                or file.imports.get(file.text(operand)) != "os" or file.text(field) not in ("Getenv", "LookupEnv")):
            continue
        if values[0].type in ("interpreted_string_literal", "raw_string_literal"):
            name = unquote_or_none(file.text(values[0]))
            if name is not None:
                found.append(name)
    return found


def _orm_calls(file: ParsedFile) -> list[dict[str, Any]]:
    """The arguments handed to the ORM's model-taking calls anywhere in the file, in source order."""
    found = []
    for _, captures in matches("orm_calls", file.tree.root_node):
        call = file.text(captures["call.method"][0])
        arguments = [a for a in captures["call.arguments"][0].named_children if a.type != "comment"]
        for argument in arguments[:1] if call != "AutoMigrate" else arguments:
            found.append((argument.start_byte, {"call": call, "line": file.position(argument)[0], "argument": compact(file.text(argument))}))
    return [entry for _, entry in sorted(found, key=lambda item: item[0])]
