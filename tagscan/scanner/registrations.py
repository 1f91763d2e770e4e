"""Calls that hand a type to the ORM, and whether the ORM would take the type.

Only files that import the ORM are searched (an import path holds `dynamorm` or `tabletheory`):
such a call needs the ORM's DB type, and the look at the file's head spares reading the rest of a
large tree (a search of every file for the call names costs a quarter of a sparse scan). It also
keeps other ORMs' `db.Model(&T{})` out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from tree_sitter import Node

from tagscan.model import Location
from tagscan.scanner.parse import ParsedFile, matches
from tagscan.scanner.types import Declared, NamedStruct, Scope, TypeResolver
from tagscan.scanner.workspace import PackageFile

# The calls and how many leading arguments are models (None: all, as AutoMigrate(models...)).
_MODEL_ARGUMENTS = {"Model": 1, "CreateTable": 1, "EnsureTable": 1, "Register": 1, "AutoMigrate": None}
_FUNCTIONS = ("function_declaration", "method_declaration", "func_literal")
NOT_A_STRUCT = "invalid model: model must be a struct"
MISSING_PK = "missing primary key"


@dataclass(frozen=True)
class Site:
    """One argument handed to the ORM, with the struct it names (package dir, name) when it is one."""

    call: str
    type: str
    location: Location
    target: tuple[Path, str] | None
    refusal: str | None


def may_call_orm(imported_paths: Iterable[str]) -> bool:
    """Whether a file importing these paths (`Workspace.imported_paths`) imports a package of the ORM."""
    return any("dynamorm" in path or "tabletheory" in path for path in imported_paths)


class Registrations:
    def __init__(self, resolver: TypeResolver, has_pk: Callable[[NamedStruct], bool]) -> None:
        self.resolver = resolver
        self.has_pk = has_pk

    def sites(self, where: PackageFile) -> Iterator[Site]:
        file = where.file
        for _, captures in matches("orm_calls", file.tree.root_node):
            call = file.text(captures["call.method"][0])
            if _other_package(file, captures["call.method"][0].parent):
                continue  # `prometheus.Register(c)`: a function of another package, not the ORM's
            arguments = [a for a in captures["call.arguments"][0].named_children if a.type != "comment"]
            count = _MODEL_ARGUMENTS[call]
            for argument in arguments[:count] if count is not None else arguments:
                typed = self._type_of(argument, where)
                if typed is not None:
                    site = self._site(call, argument, *typed, where)
                    if site is not None:
                        yield site

    def _site(self, call: str, argument: Node, type_node: Node, scope: Scope, where: PackageFile) -> Site | None:
        line, column = where.file.position(argument)
        location = Location(self.resolver.workspace.relative(where.file.path), line, column)
        text = scope.where.file.text(type_node)
        struct = self.resolver.named_struct(type_node, scope)
        if struct is not None:
            target = (struct.where.package.directory, struct.name)
            return Site(call, text, location, target, None if self.has_pk(struct) else MISSING_PK)
        if type_node.type in ("slice_type", "array_type", "generic_type", "interface_type"):
            return None  # a query's result list, or a value whose struct is not known here
        declared = self.resolver.declaration(type_node, scope) if type_node.type in ("type_identifier", "qualified_type") else None
        known = isinstance(declared, tuple) or isinstance(declared, Declared) or type_node.type in ("map_type", "channel_type", "function_type")
        return Site(call, text, location, None, NOT_A_STRUCT) if known and not _is_interface(declared) else None

    def _type_of(self, node: Node, where: PackageFile) -> tuple[Node, Scope] | None:
        """The type an argument expression has: `&T{}`, `T{}`, `new(T)`, a variable, parameter or field."""
        file = where.file
        if node.type == "unary_expression" and file.text(node).startswith("&"):
            operand = node.child_by_field_name("operand")
            return self._type_of(operand, where) if operand is not None else None
        if node.type == "parenthesized_expression" and node.named_children:
            return self._type_of(node.named_children[0], where)
        if node.type == "composite_literal":
            type_node = node.child_by_field_name("type")
            return (type_node, Scope(where)) if type_node is not None else None
        if node.type == "call_expression":
            function, arguments = node.child_by_field_name("function"), node.child_by_field_name("arguments")
            if function is not None and file.text(function) == "new" and arguments is not None and len(arguments.named_children) == 1:
                return _pointee(arguments.named_children[0]), Scope(where)
            if function is not None and function.type == "identifier":  # a conversion `Slug("x")`
                found = self.resolver.workspace.find_type(where.package, file.text(function))
                return (found[1].name_node, Scope(found[0])) if found is not None else None
            return None
        if node.type == "identifier":
            return self._variable_type(node, file.text(node), where)
        if node.type == "selector_expression":
            operand, field = node.child_by_field_name("operand"), node.child_by_field_name("field")
            holder = self._type_of(operand, where) if operand is not None else None
            struct = self.resolver.named_struct(_pointee(holder[0]), holder[1]) if holder is not None else None
            return _field_type(struct, file.text(field)) if struct is not None and field is not None else None
        return None

    def _variable_type(self, use: Node, name: str, where: PackageFile) -> tuple[Node, Scope] | None:
        """The declared type of `name` where it is used: a parameter or receiver of the enclosing
        function, or a `var`/`:=` before the use in its body."""
        function = use.parent
        while function is not None and function.type not in _FUNCTIONS:
            function = function.parent
        if function is None:
            return None
        file = where.file
        for list_name in ("receiver", "parameters"):
            parameters = function.child_by_field_name(list_name)
            for declaration in parameters.named_children if parameters is not None else []:
                if name in (file.text(n) for n in declaration.children_by_field_name("name")):
                    type_node = declaration.child_by_field_name("type")
                    return (_pointee(type_node), Scope(where)) if type_node is not None else None
        body = function.child_by_field_name("body")
        found = None
        for declaration in _declarations(body) if body is not None else []:
            if declaration.start_byte >= use.start_byte:
                break
            typed = self._declared_type(declaration, name, where)
            if typed is not None:
                found = typed
        return found

    def _declared_type(self, declaration: Node, name: str, where: PackageFile) -> tuple[Node, Scope] | None:
        file = where.file
        names = declaration.child_by_field_name("left") or declaration.child_by_field_name("name")
        targets = names.named_children if names is not None and names.type == "expression_list" else [names]
        position = next((i for i, t in enumerate(targets) if t is not None and file.text(t) == name), None)
        if position is None:
            return None
        type_node = declaration.child_by_field_name("type")
        if type_node is not None:
            return _pointee(type_node), Scope(where)
        values = declaration.child_by_field_name("right") or declaration.child_by_field_name("value")
        expressions = values.named_children if values is not None and values.type == "expression_list" else [values]
        value = expressions[position] if position < len(expressions) and len(expressions) == len(targets) else None
        return self._type_of(value, where) if value is not None else None


def _other_package(file: ParsedFile, selector: Node | None) -> bool:
    """Whether `x.Call` names a function of an imported package other than the ORM."""
    operand = selector.child_by_field_name("operand") if selector is not None else None
    if operand is None or operand.type != "identifier":
        return False
    path = file.imports.get(file.text(operand))
    return path is not None and not any(name in path for name in ("dynamorm", "tabletheory"))


def _declarations(body: Node) -> Iterator[Node]:
    """`var` specs and `:=` declarations of a body, in source order (nested blocks too, not func literals)."""
    for child in body.named_children:
        if child.type == "func_literal":
            continue
        if child.type in ("var_spec", "short_var_declaration"):
            yield child
        yield from _declarations(child)


def _pointee(type_node: Node) -> Node:
    while type_node.type in ("pointer_type", "parenthesized_type") and type_node.named_children:
        type_node = type_node.named_children[0]
    return type_node


def _field_type(struct: NamedStruct, name: str) -> tuple[Node, Scope] | None:
    file = struct.where.file
    for declaration in struct.field_declarations:
        if name in (file.text(n) for n in declaration.children_by_field_name("name")):
            type_node = declaration.child_by_field_name("type")
            return (_pointee(type_node), Scope(struct.where)) if type_node is not None else None
    return None


def _is_interface(declared: object) -> bool:
    if isinstance(declared, tuple):
        return declared[0] == "interface"
    return isinstance(declared, Declared) and declared.decl.type_node.type == "interface_type"
