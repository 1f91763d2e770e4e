"""Go type expressions to reflect kinds, following named types across files and packages."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from tree_sitter import Node

from tagscan.model import NUMBER_KINDS, GoType
from tagscan.scanner.parse import TypeDecl, field_declarations
from tagscan.scanner.workspace import PackageFile, Workspace

_BUILTIN_KINDS = {
    **{kind: kind for kind in ("bool", "string", *NUMBER_KINDS, "complex64", "complex128")},
    "byte": "uint8", "rune": "int32", "any": "interface", "error": "interface",
}
# Standard-library types models commonly use, by import path and name.
_STDLIB_KINDS = {
    ("time", "Time"): "struct", ("time", "Duration"): "int64", ("time", "Month"): "int",
    ("time", "Weekday"): "int", ("encoding/json", "RawMessage"): "slice",
    ("encoding/json", "Number"): "string", ("net/url", "URL"): "struct",
    ("math/big", "Int"): "struct", ("database/sql", "NullString"): "struct",
}
_STDLIB_ELEMS = {("encoding/json", "RawMessage"): "uint8"}
_SHAPE_KINDS = {
    "slice_type": "slice", "array_type": "array", "implicit_length_array_type": "array",
    "map_type": "map", "struct_type": "struct", "interface_type": "interface",
    "channel_type": "chan", "function_type": "func", "pointer_type": "ptr",
}
_MAX_DEPTH = 32


@dataclass(frozen=True)
class Scope:
    """Where a type expression is written: its file and package, and the struct's type parameters."""

    where: PackageFile
    type_params: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Declared:
    """A named type declared in the scanned tree."""

    decl: TypeDecl
    where: PackageFile


Kind = tuple[str, "str | None", bool]  # (kind, element kind, is time.Time)


@dataclass(frozen=True)
class NamedStruct:
    """A struct type declaration reached by following a type expression."""

    name: str
    decl: TypeDecl
    struct: Node  # the struct_type node
    where: PackageFile

    @functools.cached_property
    def field_declarations(self) -> list[Node]:
        """The struct's field declarations, in order (several steps of a scan walk them)."""
        return field_declarations(self.struct)


class TypeResolver:
    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self._resolved: dict[tuple[object, str, frozenset[str]], GoType] = {}

    def go_type(self, node: Node, scope: Scope) -> GoType:
        """The type expression resolved; the same text in the same file resolves once."""
        expr = scope.where.file.text(node)
        key = (scope.where.file.path, expr, scope.type_params)
        resolved = self._resolved.get(key)
        if resolved is None:
            kind, elem_kind, is_time = self._kind(node, scope, 0)
            resolved = self._resolved[key] = GoType(expr=expr, kind=kind, elem_kind=elem_kind, is_time=is_time)
        return resolved

    def _kind(self, node: Node, scope: Scope, depth: int) -> Kind:
        if depth > _MAX_DEPTH:
            return "unknown", None, False
        if node.type in ("parenthesized_type", "type_elem") and node.named_children:
            return self._kind(node.named_children[0], scope, depth + 1)
        if node.type in _SHAPE_KINDS:
            kind = _SHAPE_KINDS[node.type]
            elem = node.child_by_field_name("element")
            if kind == "ptr":
                elem = node.named_children[0] if node.named_children else None
            elem_kind = self._kind(elem, scope, depth + 1)[0] if elem is not None and kind in ("ptr", "slice", "array") else None
            return kind, elem_kind, False
        declared = self.declaration(node, scope)
        if isinstance(declared, Declared):
            kind, elem_kind, is_time = self._kind(declared.decl.type_node, Scope(declared.where), depth + 1)
            # An alias of time.Time is time.Time; a defined type `type Stamp time.Time` is another struct.
            return kind, elem_kind, is_time and declared.decl.alias
        return declared or ("unknown", None, False)

    def declaration(self, node: Node, scope: Scope) -> Declared | Kind | None:
        """A named type's declaration in the tree, a builtin/stdlib kind, or None (outside the tree)."""
        file = scope.where.file
        if node.type == "generic_type":
            node = node.child_by_field_name("type") or node
        if node.type == "type_identifier":
            name = file.text(node)
            if name in scope.type_params:
                return None
            if name in _BUILTIN_KINDS:  # a package shadowing a predeclared type is not worth a lookup
                return _BUILTIN_KINDS[name], None, False
            found = self.workspace.find_type(scope.where.package, name)
            return Declared(found[1], found[0]) if found is not None else None
        if node.type == "qualified_type":
            package_node, name_node = node.child_by_field_name("package"), node.child_by_field_name("name")
            if package_node is None or name_node is None:
                return None
            package_name, name = file.text(package_node), file.text(name_node)
            key = (file.imports.get(package_name, ""), name)
            if key in _STDLIB_KINDS:
                return _STDLIB_KINDS[key], _STDLIB_ELEMS.get(key), key == ("time", "Time")
            package = self.workspace.imported(file, scope.where.package, package_name)
            if package is None:
                return None
            found = self.workspace.find_type(package, name)
            if found is None:
                return None
            return Declared(found[1], found[0])
        return None

    def named_struct(self, node: Node, scope: Scope) -> NamedStruct | None:
        """The struct a (possibly generic or qualified) named type expression ends at, if in the tree."""
        for _ in range(_MAX_DEPTH):
            declared = self.declaration(node, scope)
            if not isinstance(declared, Declared):
                return None
            decl, where = declared.decl, declared.where
            target = decl.type_node
            while target.type == "parenthesized_type" and target.named_children:
                target = target.named_children[0]
            if target.type == "struct_type":
                return NamedStruct(decl.name, decl, target, where)
            node, scope = target, Scope(where)
        return None
