"""The model methods TableTheory asks for beside `TableName()`: `TableTheoryIndexProjections()` (2.x+)
and `WritePolicy()` (1.7+), read from the composite literal the method returns.

Only a literal is read (its strings may be constants of the scanned tree); any other body, or a
value that is no string, is reported unresolved (TS004) and never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from tree_sitter import Node

from tagscan.model import Index, Location, WritePolicy
from tagscan.scanner.parse import own_return_statements
from tagscan.scanner.tablename import Frame, TableNames, compact
from tagscan.scanner.types import NamedStruct
from tagscan.scanner.workspace import PackageFile

PROJECTIONS_METHOD = "TableTheoryIndexProjections"
WRITE_POLICY_METHOD = "WritePolicy"
PROJECTION_TYPES = ("ALL", "KEYS_ONLY", "INCLUDE")


@dataclass(frozen=True)
class Projection:
    type: str
    fields: tuple[str, ...]  # sorted; only INCLUDE keeps them (the ORM's CreateTable)


class Unresolved(Exception):
    """The method's body is not a literal tagscan reads; `node` is where it stops."""

    def __init__(self, node: Node, what: str) -> None:
        super().__init__(what)
        self.node = node


class Providers:
    def __init__(self, table_names: TableNames) -> None:
        self.table_names = table_names
        self.workspace = table_names.workspace

    def _returned_literal(self, struct: NamedStruct, method_name: str) -> tuple[PackageFile, Node] | None:
        """The composite literal the struct's own method returns (value or pointer receiver)."""
        methods = self.workspace.methods(struct.where.package, struct.name, method_name)
        if not methods:
            return None
        where, method = methods[0]
        body = method.node.child_by_field_name("body")
        values = [s.named_children[0] for s in own_return_statements(body) if s.named_children] if body else []
        returned = values[0] if len(values) == 1 else None
        if returned is not None and returned.type == "expression_list":
            returned = returned.named_children[0] if len(returned.named_children) == 1 else None
        if returned is None or returned.type != "composite_literal":
            raise Unresolved(values[0] if values else method.node, "it returns no composite literal")
        return where, returned

    def projections(self, struct: NamedStruct) -> dict[str, Projection]:
        """Index name -> projection from `TableTheoryIndexProjections()`; {} without the method or
        when its body is unresolved (reported)."""
        try:
            found = self._returned_literal(struct, PROJECTIONS_METHOD)
            if found is None:
                return {}
            where, literal = found
            result = {}
            for key, value in _elements(literal):
                if key is None:
                    raise Unresolved(value, "an element without an index name")
                name = self._string(key, where)
                fields = dict(_keyed(value, where))
                kind = self._string(fields["Type"], where).strip() if "Type" in fields else "ALL"
                if kind not in PROJECTION_TYPES:
                    raise Unresolved(fields["Type"], f"projection type {kind!r} is none of {', '.join(PROJECTION_TYPES)}")
                attributes = self._strings(fields["Fields"], where) if "Fields" in fields else ()
                result[name] = Projection(kind, tuple(sorted(attributes)) if kind == "INCLUDE" else ())
            return result
        except Unresolved as problem:
            self._unresolved(struct, problem, PROJECTIONS_METHOD, "its indexes are taken as projecting ALL")
            return {}

    def write_policy(self, struct: NamedStruct) -> WritePolicy | None:
        """`WritePolicy()`'s `Mode` and `ProtectedAttributes`; unresolved: a policy marked so."""
        try:
            found = self._returned_literal(struct, WRITE_POLICY_METHOD)
        except Unresolved as problem:
            return self._unresolved_policy(struct, problem)
        if found is None:
            return None
        where, literal = found
        try:
            fields = dict(_keyed(literal, where))
            mode = self._string(fields["Mode"], where) if "Mode" in fields else None
            protected = self._strings(fields["ProtectedAttributes"], where) if "ProtectedAttributes" in fields else ()
        except Unresolved as problem:
            return self._unresolved_policy(struct, problem)
        return WritePolicy(mode=mode, protected_attributes=tuple(protected), location=self._location(where, literal))

    def _unresolved_policy(self, struct: NamedStruct, problem: Unresolved) -> WritePolicy:
        self._unresolved(struct, problem, WRITE_POLICY_METHOD, "it is not checked")
        return WritePolicy(mode=None, protected_attributes=(), location=self._location(struct.where, problem.node), resolved=False)

    def _location(self, where: PackageFile, node: Node) -> Location:
        line, column = where.file.position(node)
        return Location(self.workspace.relative(where.file.path), line, column)

    def _unresolved(self, struct: NamedStruct, problem: Unresolved, method: str, consequence: str) -> None:
        methods = self.workspace.methods(struct.where.package, struct.name, method)
        file = methods[0][0].file if methods else struct.where.file
        self.workspace.diagnose_unresolved(
            file, problem.node, f"{struct.name}.{method}() is not read: {problem}; {consequence}"
        )

    def _string(self, node: Node, where: PackageFile) -> str:
        value = self.table_names.evaluate(node, {}, Frame(where))
        if value.literal is None or value.envs or value.pattern is not None or value.unfollowed is not None:
            raise Unresolved(node, f"{_source(where, node)} is no string constant")
        return value.literal

    def _strings(self, node: Node, where: PackageFile) -> list[str]:
        if node.type != "composite_literal":
            raise Unresolved(node, f"{_source(where, node)} is no slice literal")
        return [self._string(value, where) for key, value in _elements(node)]


def with_projections(indexes: tuple[Index, ...], projections: dict[str, Projection]) -> tuple[Index, ...]:
    """The indexes, each with the projection the method gives it (ALL for the others)."""
    return tuple(
        replace(index, projection=projections[index.name].type, non_key_attributes=projections[index.name].fields)
        if index.name in projections else index
        for index in indexes
    )


def _source(where: PackageFile, node: Node) -> str:
    return compact(where.file.text(node))[:80]


def _elements(literal: Node) -> list[tuple[Node | None, Node]]:
    """(key, value) of each element of a composite literal or literal_value; key None when unkeyed."""
    body = literal.child_by_field_name("body") if literal.type == "composite_literal" else literal
    found: list[tuple[Node | None, Node]] = []
    for element in body.named_children if body is not None else []:
        if element.type == "keyed_element":
            key, value = element.child_by_field_name("key"), element.child_by_field_name("value")
            if key is not None and value is not None:
                found.append((_inner(key), _inner(value)))
        elif element.type == "literal_element":
            found.append((None, _inner(element)))
    return found


def _inner(element: Node) -> Node:
    return element.named_children[0] if element.type == "literal_element" and element.named_children else element


def _keyed(node: Node, where: PackageFile) -> list[tuple[str, Node]]:
    """(field name, value) of a struct literal: `{Type: "INCLUDE", Fields: ...}`, typed or not."""
    if node.type not in ("composite_literal", "literal_value"):
        raise Unresolved(node, f"{_source(where, node)} is no struct literal")
    pairs = []
    for key, value in _elements(node):
        if key is None or key.type not in ("identifier", "field_identifier"):
            raise Unresolved(value, "a struct literal without field names")
        pairs.append((where.file.text(key), value))
    return pairs
