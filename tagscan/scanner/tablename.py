"""The table a model lives in: its `TableName()` body read statically, as `resolveTableName` runs it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from tree_sitter import Node

from tagscan.model import Location, TableRef
from tagscan.scanner.parse import MethodDecl, field_declarations, own_return_statements, unquote_or_none
from tagscan.scanner.types import NamedStruct, Scope, TypeResolver
from tagscan.scanner.workspace import Found

_MAX_CALL_DEPTH = 4
_WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Value:
    """What a string expression evaluates to: os.Getenv(env), else `literal` (None: unknown)."""

    env: str | None = None
    literal: str | None = None


def pluralise(type_name: str) -> str:
    """The ORM's `getTableName`: naive, case-sensitive pluralisation of the Go type name."""
    if type_name.endswith("s"):
        return type_name + "es"
    if type_name.endswith("y"):
        return type_name[:-1] + "ies"
    return type_name + "s"


def compact(text: str) -> str:
    return _WHITESPACE.sub("", text)


class TableNames:
    def __init__(self, resolver: TypeResolver) -> None:
        self.resolver = resolver
        self.workspace = resolver.workspace
        # What a TableName body evaluates to depends only on its text and the file it is in (its
        # imports, its package's constants and functions); the models of a table often share it.
        self._method_values: dict[tuple[object, str], Value | None] = {}

    def table_ref(self, struct: NamedStruct) -> tuple[TableRef, bool]:
        """The model's TableRef and whether it has a usable TableName method (own or promoted)."""
        default_name = pluralise(struct.name)
        found = self.table_name_method(struct)
        if found is None:
            return TableRef(source="default", name=default_name, default_name=default_name), False
        where, method = found
        body = method.node.child_by_field_name("body")
        returns = self._returns(body) if body is not None else []
        location = None
        if returns:
            line, column = where.file.position(returns[0])
            location = Location(self.workspace.relative(where.file.path), line, column)
        value = self._method_value(body, where) if body is not None else None
        if value is None or (value.env is None and value.literal is None):
            expr = compact(where.file.text(returns[0])) if returns else compact(where.file.text(method.node))
            ref = TableRef(source="unresolved", expr=expr, default_name=default_name, location=location)
        elif value.env is not None:
            ref = TableRef(source="env", env=value.env, envs=(value.env,), name=value.literal or None,
                           default_name=default_name, location=location)
        elif value.literal == "":  # "" means the default name
            ref = TableRef(source="default", name=default_name, default_name=default_name, location=location)
        else:
            ref = TableRef(source="literal", name=value.literal, default_name=default_name, location=location)
        return ref, True

    def _method_value(self, body: Node, where: Found) -> Value | None:
        key = (where.file.path, where.file.text(body))
        if key not in self._method_values:
            self._method_values[key] = self.evaluate_body(body, where, 0)
        return self._method_values[key]

    def table_name_method(self, struct: NamedStruct) -> tuple[Found, MethodDecl] | None:
        """The shallowest `TableName` in the method sets of T and *T, own or promoted by embeds."""
        level = [struct]
        seen: set[tuple[str, str]] = set()
        for _ in range(8):
            next_level: list[NamedStruct] = []
            for current in level:
                key = (str(current.where.package.directory), current.name)
                if key in seen:
                    continue
                seen.add(key)
                methods = self.workspace.methods(current.where.package, current.name, "TableName")
                if methods:
                    where, method = methods[0]
                    return (where, method) if _is_string_getter(where, method) else None
                next_level.extend(self._embedded_structs(current))
            if not next_level:
                return None
            level = next_level
        return None

    def _embedded_structs(self, struct: NamedStruct) -> list[NamedStruct]:
        found = []
        for declaration in field_declarations(struct.struct):
            if declaration.child_by_field_name("name"):
                continue
            type_node = declaration.child_by_field_name("type")
            named = self.resolver.named_struct(type_node, Scope(struct.where)) if type_node else None
            if named is not None:
                found.append(named)
        return found

    # --- static evaluation -----------------------------------------------------------------

    def _returns(self, body: Node) -> list[Node]:
        """Expressions returned by the body itself (not by nested function literals)."""
        return [s.named_children[0] for s in own_return_statements(body) if s.named_children]

    def evaluate_body(self, body: Node, where: Found, depth: int, bindings: dict[str, Value | None] | None = None) -> Value | None:
        # A block holds a statement_list, with comments beside it when they sit before the first statement.
        statements: list[Node] = []
        for child in body.named_children:
            statements.extend(child.named_children if child.type == "statement_list" else [child])
        return self._run(statements, dict(bindings or {}), where, depth)

    def _run(self, statements: list[Node], bindings: dict[str, Value | None], where: Found, depth: int) -> Value | None:
        for index, statement in enumerate(statements):
            kind = statement.type
            if kind == "comment" or kind == "empty_statement":
                continue
            if kind == "return_statement":
                values = statement.named_children
                if len(values) != 1 or len(values[0].named_children) != 1:
                    return None
                return self.evaluate(values[0].named_children[0], bindings, where, depth)
            if kind in ("short_var_declaration", "assignment_statement"):
                if not self._bind(statement, bindings, where, depth):
                    return None
            elif kind == "var_declaration":
                for spec in statement.named_children:
                    if spec.type == "var_spec" and not self._bind(spec, bindings, where, depth):
                        return None
            elif kind == "if_statement":
                return self._if_env_fallback(statement, statements[index + 1 :], bindings, where, depth)
            else:
                return None
        return None

    def _bind(self, statement: Node, bindings: dict[str, Value | None], where: Found, depth: int) -> bool:
        names = statement.child_by_field_name("left") or statement.child_by_field_name("name")
        values = statement.child_by_field_name("right") or statement.child_by_field_name("value")
        if names is None or values is None:
            return False
        targets = names.named_children if names.type == "expression_list" else [names]
        expressions = values.named_children if values.type == "expression_list" else [values]
        if len(targets) != 1 or len(expressions) != 1 or targets[0].type != "identifier":
            return False
        bindings[where.file.text(targets[0])] = self.evaluate(expressions[0], bindings, where, depth)
        return True

    def _if_env_fallback(self, statement: Node, rest: list[Node], bindings: dict[str, Value | None], where: Found, depth: int) -> Value | None:
        """`if v := os.Getenv(X); v != "" { return v }; return "x"` and the `v == ""` form."""
        initializer = statement.child_by_field_name("initializer")
        if initializer is not None and not self._bind(initializer, bindings, where, depth):
            return None
        condition = statement.child_by_field_name("condition")
        consequence = statement.child_by_field_name("consequence")
        if statement.child_by_field_name("alternative") is not None or condition is None or consequence is None:
            return None
        compared = self._empty_check(condition, bindings, where)
        if compared is None:
            return None
        env_value, is_set_when_true = compared
        branch = self.evaluate_body(consequence, where, depth, bindings)
        rest_value = self._run(rest, dict(bindings), where, depth)
        when_set, when_unset = (branch, rest_value) if is_set_when_true else (rest_value, branch)
        if when_set is None or when_set.env != env_value.env or when_unset is None:
            return None
        if when_unset.env is not None or when_unset.literal is None:
            return None
        return Value(env=env_value.env, literal=when_unset.literal)

    def _empty_check(self, condition: Node, bindings: dict[str, Value | None], where: Found) -> tuple[Value, bool] | None:
        """(env value, condition is true when set) for `v != ""` / `v == ""` on a bound env var."""
        if condition.type != "binary_expression":
            return None
        operator = condition.child_by_field_name("operator")
        left, right = condition.child_by_field_name("left"), condition.child_by_field_name("right")
        if operator is None or left is None or right is None:
            return None
        op = where.file.text(operator)
        if op not in ("!=", "=="):
            return None
        if left.type != "identifier":
            left, right = right, left
        if left.type != "identifier" or self._literal(right, where) != "":
            return None
        value = bindings.get(where.file.text(left))
        if value is None or value.env is None:
            return None
        return value, op == "!="

    def _literal(self, node: Node, where: Found) -> str | None:
        if node.type in ("interpreted_string_literal", "raw_string_literal"):
            return unquote_or_none(where.file.text(node))
        return None

    def evaluate(self, node: Node, bindings: dict[str, Value | None], where: Found, depth: int) -> Value | None:
        file = where.file
        literal = self._literal(node, where)
        if literal is not None:
            return Value(literal=literal)
        if node.type == "parenthesized_expression" and node.named_children:
            return self.evaluate(node.named_children[0], bindings, where, depth)
        if node.type == "identifier":
            name = file.text(node)
            if name in bindings:
                return bindings[name]
            return self._constant(where, name, depth)
        if node.type == "selector_expression":
            target = self._imported_package(node, where)
            field = node.child_by_field_name("field")
            return self._constant(target, file.text(field), depth) if target and field else None
        if node.type == "call_expression":
            return self._call(node, bindings, where, depth)
        return None

    def _imported_package(self, selector: Node, where: Found) -> Found | None:
        operand = selector.child_by_field_name("operand")
        if operand is None or operand.type != "identifier":
            return None
        package = self.workspace.imported(where.file, where.package, where.file.text(operand))
        return Found(package, where.file) if package is not None else None

    def _constant(self, where: Found, name: str, depth: int) -> Value | None:
        if depth > _MAX_CALL_DEPTH:
            return None
        found = self.workspace.find_const(where.package, name)
        if found is None:
            return None
        const_where, value = found
        result = self.evaluate(value, {}, const_where, depth + 1)
        return result if result is not None and result.env is None else None

    def _call(self, call: Node, bindings: dict[str, Value | None], where: Found, depth: int) -> Value | None:
        file = where.file
        function, argument_list = call.child_by_field_name("function"), call.child_by_field_name("arguments")
        if function is None or argument_list is None:
            return None
        arguments = [a for a in argument_list.named_children if a.type != "comment"]
        if function.type == "selector_expression":
            operand, field = function.child_by_field_name("operand"), function.child_by_field_name("field")
            if operand is None or field is None:
                return None
            name = file.text(field)
            import_path = file.imports.get(file.text(operand)) if operand.type == "identifier" else None
            if import_path == "os" and name == "Getenv" and len(arguments) == 1:
                argument = self.evaluate(arguments[0], bindings, where, depth)
                if argument is None or argument.literal is None or argument.env is not None:
                    return None
                return Value(env=argument.literal)
            if import_path == "strings" and name == "TrimSpace" and len(arguments) == 1:
                inner = self.evaluate(arguments[0], bindings, where, depth)
                if inner is not None and inner.env is None and inner.literal is not None:
                    return Value(literal=inner.literal.strip())
                return inner
            target = self._imported_package(function, where)
            return self._function(target, name, depth) if target and not arguments else None
        if function.type == "identifier" and not arguments:
            return self._function(where, file.text(function), depth)
        return None

    def _function(self, where: Found, name: str, depth: int) -> Value | None:
        """A package-level function without parameters whose body is one of the known shapes."""
        if depth >= _MAX_CALL_DEPTH:
            return None
        found = self.workspace.find_function(where.package, name)
        if found is None:
            return None
        function_where, node = found
        parameters = node.child_by_field_name("parameters")
        body = node.child_by_field_name("body")
        if body is None or (parameters is not None and parameters.named_children):
            return None
        return self.evaluate_body(body, function_where, depth + 1)


def _is_string_getter(where: Found, method: MethodDecl) -> bool:
    """`TableName` counts only with no parameters and one result (the ORM checks NumIn/NumOut)."""
    parameters = method.node.child_by_field_name("parameters")
    result = method.node.child_by_field_name("result")
    if parameters is not None and parameters.named_children:
        return False
    if result is None:
        return False
    if result.type == "parameter_list":
        return len(result.named_children) == 1 and len(result.named_children[0].children_by_field_name("name")) <= 1
    return True
