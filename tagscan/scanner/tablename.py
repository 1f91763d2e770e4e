"""The table a model lives in: its `TableName()` body read statically, as `resolveTableName` runs it."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from tree_sitter import Node

from tagscan.model import Location, TableRef
from tagscan.scanner.parse import MethodDecl, own_return_statements, unquote_or_none
from tagscan.scanner.types import NamedStruct, Scope, TypeResolver
from tagscan.scanner.workspace import PackageFile

_MAX_CALL_DEPTH = 6
# Deeper expressions (`((((...))))`, a `+` chain of hundreds) are not followed: no real name needs
# them, and following them would exhaust Python's stack.
_MAX_NESTING = 100
_WHITESPACE = re.compile(r"\s+")
_VERB = re.compile(r"%(?:%|[-+# 0]*[0-9]*(?:\.[0-9]*)?[svdq])")


@dataclass(frozen=True)
class Value:
    """What a string expression evaluates to, as the ORM would see it at run time.

    The first set, non-empty env var of ``envs`` (in order); when none is, ``literal``, else the
    name ``pattern`` formats (shell syntax, reading ``pattern_envs``). With none of the three the
    value is unknown, and ``unfollowed`` is the source of the part that could not be followed; with
    some, ``unfollowed`` is an unknown fallback after the env vars.
    """

    envs: tuple[str, ...] = ()
    literal: str | None = None
    pattern: str | None = None
    pattern_envs: tuple[str, ...] = ()
    unfollowed: str | None = None

    @property
    def known(self) -> bool:
        return bool(self.envs) or self.literal is not None or self.pattern is not None

    @property
    def bare_env(self) -> bool:
        """Only env vars, with no fallback of its own: "" when none is set."""
        return bool(self.envs) and self.literal is None and self.pattern is None and self.unfollowed is None

    def or_else(self, then: Value) -> Value:
        """`cmp.Or(self, then)`: self when it is not empty, else `then`."""
        if not self.known:
            return self
        if self.bare_env:
            return replace(then, envs=self.envs + then.envs) if then.known or then.unfollowed else self
        if self.envs == () and self.literal == "":
            return then
        return self

    def shell(self) -> str:
        """The value as a shell word: `users`, `${STAGE}`, `${A:-${B:-dev}}`, `${STAGE}-users`."""
        tail = self.pattern if self.pattern is not None else (self.literal or "")
        if self.unfollowed is not None and not self.envs:
            tail = "?"
        for env in reversed(self.envs):
            tail = f"${{{env}:-{tail}}}" if tail else f"${{{env}}}"
        return tail

    def all_envs(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(self.envs + self.pattern_envs))


def unknown(part: str) -> Value:
    return Value(unfollowed=part)


def concatenation(parts: list[Value]) -> Value:
    """The value of parts written one after the other (`a + b`, Sprintf): a literal or a pattern."""
    for part in parts:
        if not part.known:
            return part
        if part.unfollowed is not None:
            return unknown(part.unfollowed)
    if all(not p.envs and p.pattern is None for p in parts):
        return Value(literal="".join(p.literal or "" for p in parts))
    envs = tuple(dict.fromkeys(env for p in parts for env in p.all_envs()))
    return Value(pattern="".join(p.shell() for p in parts), pattern_envs=envs)


@dataclass(frozen=True)
class LookupFlag:
    """The `ok` of `v, ok := os.LookupEnv(env)`: true when the env var is set."""

    env: str


@dataclass(frozen=True)
class Frame:
    """Where an expression is evaluated: its file and package, the call depth, and the receiver
    (its name and struct) when it is in a method."""

    where: PackageFile
    depth: int = 0
    receiver: tuple[str, NamedStruct] | None = None


Bindings = dict[str, "Value | LookupFlag"]


class _NotFollowed(Exception):
    """A statement whose effect on the name cannot be followed (its source is the message)."""


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
        # What a TableName body evaluates to depends only on the method and the file it is in (its
        # imports, its package's constants and functions); the models of a table often share it.
        self._method_values: dict[tuple[object, str | None, str], Value] = {}
        self._function_values: dict[tuple[object, ...], Value] = {}
        self._nesting = 0  # expressions being evaluated, one inside the other

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
        value = self._method_value(body, where, method) if body is not None else unknown("")
        if not value.known:
            expr = compact(where.file.text(returns[0])) if returns else compact(where.file.text(method.node))
            ref = TableRef(source="unresolved", expr=expr, default_name=default_name, location=location,
                           unfollowed=value.unfollowed or expr)
        elif value.envs:
            ref = TableRef(source="env", env=value.envs[0], envs=value.envs, name=value.literal or None,
                           pattern=value.pattern, default_name=default_name, location=location,
                           unfollowed=value.unfollowed)
        elif value.pattern is not None:
            ref = TableRef(source="pattern", envs=value.pattern_envs, pattern=value.pattern,
                           default_name=default_name, location=location)
        elif value.literal == "":  # "" means the default name
            ref = TableRef(source="default", name=default_name, default_name=default_name, location=location)
        else:
            ref = TableRef(source="literal", name=value.literal, default_name=default_name, location=location)
        return ref, True

    def _method_value(self, body: Node, where: PackageFile, method: MethodDecl) -> Value:
        text = where.file.text(body)
        receiver_name = _receiver_name(where, method)
        # Bodies that never use their receiver (most) evaluate alike whatever the receiver type.
        uses_receiver = receiver_name is not None and _mentions(text, receiver_name)
        key = (where.file.path, method.receiver if uses_receiver else None, text)
        if key not in self._method_values:
            self._method_values[key] = self.evaluate_body(body, self._method_frame(where, method, 0, uses_receiver), {})
        return self._method_values[key]

    def _method_frame(self, where: PackageFile, method: MethodDecl, depth: int, uses_receiver: bool = True) -> Frame:
        receiver_name = _receiver_name(where, method) if uses_receiver else None
        found = self.workspace.find_type(where.package, method.receiver) if receiver_name else None
        struct = None
        if found is not None and found[1].type_node.type == "struct_type":
            struct = NamedStruct(method.receiver, found[1], found[1].type_node, found[0])
        return Frame(where, depth, (receiver_name, struct) if receiver_name and struct else None)

    def has_own_table_name(self, struct: NamedStruct) -> bool:
        """Whether the struct declares a TableName the ORM would call (not one promoted from an embed)."""
        return any(self._is_string_getter(where, method) for where, method in self.workspace.methods(struct.where.package, struct.name, "TableName"))

    def table_name_method(self, struct: NamedStruct) -> tuple[PackageFile, MethodDecl] | None:
        """The shallowest `TableName` in the method sets of T and *T, own or promoted by embeds."""
        found = self.method(struct, "TableName")
        return found if found is not None and self._is_string_getter(*found) else None

    def _is_string_getter(self, where: PackageFile, method: MethodDecl) -> bool:
        """A TableName the ORM calls: no parameters, one result of kind string (a named string type
        too; a type declared outside the tree is given the benefit of the doubt)."""
        result = _result_type(method) if _is_getter(method) else None
        if result is None:
            return False
        if result.type == "type_identifier" and where.file.text(result) == "string":
            return True  # the common case, without a type lookup
        return self.resolver.go_type(result, Scope(where)).kind in ("string", "unknown")

    def method(self, struct: NamedStruct, name: str) -> tuple[PackageFile, MethodDecl] | None:
        """The shallowest method `name` of the struct, own or promoted by embeds."""
        level = [struct]
        seen: set[tuple[str, str]] = set()
        for _ in range(8):
            next_level: list[NamedStruct] = []
            for current in level:
                key = (str(current.where.package.directory), current.name)
                if key in seen:
                    continue
                seen.add(key)
                methods = self.workspace.methods(current.where.package, current.name, name)
                if methods:
                    return methods[0]
                next_level.extend(self._embedded_structs(current))
            if not next_level:
                return None
            level = next_level
        return None

    def _embedded_structs(self, struct: NamedStruct) -> list[NamedStruct]:
        found = []
        for declaration in struct.field_declarations:
            if declaration.child_by_field_name("name"):
                continue
            type_node = declaration.child_by_field_name("type")
            named = self.resolver.named_struct(type_node, Scope(struct.where)) if type_node else None
            if named is not None:
                found.append(named)
        return found

    def _field_struct(self, struct: NamedStruct, name: str) -> NamedStruct | None:
        """The struct type of the struct's field or embed `name` (`b.Base`, `m.cfg`)."""
        for declaration in struct.field_declarations:
            type_node = declaration.child_by_field_name("type")
            if type_node is None:
                continue
            names = [struct.where.file.text(n) for n in declaration.children_by_field_name("name")]
            if names and name not in names:
                continue
            if not names and type_node.type == "pointer_type" and type_node.named_children:
                type_node = type_node.named_children[0]
            named = self.resolver.named_struct(type_node, Scope(struct.where))
            if named is not None and (names or named.name == name):
                return named
        return None

    # --- static evaluation -----------------------------------------------------------------

    def _returns(self, body: Node) -> list[Node]:
        """Expressions returned by the body itself (not by nested function literals)."""
        return [s.named_children[0] for s in own_return_statements(body) if s.named_children]

    def evaluate_body(self, body: Node, frame: Frame, bindings: Bindings) -> Value:
        try:
            value = self._run(_statements(body), dict(bindings), frame)
        except _NotFollowed as exc:
            return unknown(str(exc))
        return value if value is not None else unknown(compact(frame.where.file.text(body))[:80])

    def _run(self, statements: list[Node], bindings: Bindings, frame: Frame) -> Value | None:
        """The value the statements return (None: they end without returning)."""
        file = frame.where.file
        for index, statement in enumerate(statements):
            kind = statement.type
            if kind in ("comment", "empty_statement"):
                continue
            if kind == "return_statement":
                values = statement.named_children
                if len(values) != 1 or len(values[0].named_children) != 1:
                    raise _NotFollowed(compact(file.text(statement)))
                return self.evaluate(values[0].named_children[0], bindings, frame)
            if kind in ("short_var_declaration", "assignment_statement"):
                self._bind(statement, bindings, frame)
            elif kind == "var_declaration":
                for spec in statement.named_children:
                    if spec.type == "var_spec":
                        self._bind(spec, bindings, frame)
            elif kind == "if_statement":
                returned = self._if(statement, statements[index + 1 :], bindings, frame)
                if returned is not None:
                    return returned
            elif kind == "expression_statement":
                self._expression_statement(statement, bindings, frame)
            elif kind == "block":
                returned = self._run(_statements(statement), bindings, frame)
                if returned is not None:
                    return returned
            else:
                raise _NotFollowed(compact(file.text(statement))[:80])
        return None

    def _expression_statement(self, statement: Node, bindings: Bindings, frame: Frame) -> None:
        """`once.Do(func() { ... })` runs its function here; other calls cannot change a local string."""
        call = statement.named_children[0] if statement.named_children else None
        if call is None or call.type != "call_expression":
            return
        function, arguments = call.child_by_field_name("function"), call.child_by_field_name("arguments")
        field = function.child_by_field_name("field") if function is not None and function.type == "selector_expression" else None
        literals = [a for a in arguments.named_children if a.type == "func_literal"] if arguments is not None else []
        if field is not None and frame.where.file.text(field) == "Do" and len(literals) == 1:
            body = literals[0].child_by_field_name("body")
            if body is not None and self._run(_statements(body), bindings, frame) is not None:
                raise _NotFollowed(compact(frame.where.file.text(call))[:80])

    def _bind(self, statement: Node, bindings: Bindings, frame: Frame) -> None:
        file = frame.where.file
        names = statement.child_by_field_name("left") or statement.child_by_field_name("name")
        values = statement.child_by_field_name("right") or statement.child_by_field_name("value")
        if names is None:
            raise _NotFollowed(compact(file.text(statement))[:80])
        targets = names.named_children if names.type == "expression_list" else [names]
        if values is None:  # `var name string`
            for target in targets:
                bindings[file.text(target)] = Value(literal="")
            return
        expressions = values.named_children if values.type == "expression_list" else [values]
        operator = statement.child_by_field_name("operator")
        if any(t.type != "identifier" for t in targets) or (operator is not None and file.text(operator) not in ("=", ":=")):
            raise _NotFollowed(compact(file.text(statement))[:80])
        if len(targets) == 2 and len(expressions) == 1:
            env = self._lookup_env(expressions[0], bindings, frame)
            if env is None:
                raise _NotFollowed(compact(file.text(statement))[:80])
            bindings[file.text(targets[0])] = Value(envs=(env,))
            bindings[file.text(targets[1])] = LookupFlag(env)
            return
        if len(targets) != len(expressions):
            raise _NotFollowed(compact(file.text(statement))[:80])
        evaluated = [self.evaluate(e, bindings, frame) for e in expressions]
        for target, value in zip(targets, evaluated):
            bindings[file.text(target)] = value

    def _lookup_env(self, call: Node, bindings: Bindings, frame: Frame) -> str | None:
        """The env var of an `os.LookupEnv(...)` call."""
        if call.type != "call_expression":
            return None
        function, arguments = call.child_by_field_name("function"), call.child_by_field_name("arguments")
        if function is None or arguments is None or self._std_call(function, frame) != ("os", "LookupEnv"):
            return None
        arguments_ = [a for a in arguments.named_children if a.type != "comment"]
        name = self.evaluate(arguments_[0], bindings, frame) if len(arguments_) == 1 else None
        return name.literal if name is not None and not name.envs and name.pattern is None else None

    def _if(self, statement: Node, rest: list[Node], bindings: Bindings, frame: Frame) -> Value | None:
        """An `if` on whether an env var (or a name bound to one) is set. It either returns the
        env var (`if v := os.Getenv(X); v != "" { return v }`, the rest being the fallback), or
        assigns a fallback (`if name == "" { name = ... }`) or the env var (`if ok { name = v }`)."""
        file = frame.where.file
        initializer = statement.child_by_field_name("initializer")
        if initializer is not None:
            self._bind(initializer, bindings, frame)
        condition = statement.child_by_field_name("condition")
        consequence = statement.child_by_field_name("consequence")
        alternative = statement.child_by_field_name("alternative")
        checked = self._set_check(condition, bindings, frame) if condition is not None else None
        if checked is None or consequence is None:
            raise _NotFollowed(compact(file.text(condition or statement))[:80])
        name, value, true_when_set = checked
        otherwise = _statements(alternative) if alternative is not None else []
        when_true, when_false = (consequence, otherwise) if true_when_set else (otherwise, consequence)
        set_statements = _statements(when_true) if isinstance(when_true, Node) else when_true
        unset_statements = _statements(when_false) if isinstance(when_false, Node) else when_false
        if _returns_at_end(consequence):
            returned_when_set = self._run(set_statements + rest, dict(bindings), frame)
            returned_when_unset = self._run(unset_statements + rest, dict(bindings), frame)
            if returned_when_set is None or returned_when_unset is None:
                raise _NotFollowed(compact(file.text(statement))[:80])
            if returned_when_set.bare_env and returned_when_set.envs[: len(value.envs)] == value.envs:
                return value.or_else(returned_when_unset)
            if returned_when_set == returned_when_unset:
                return returned_when_set
            raise _NotFollowed(compact(file.text(consequence))[:80])
        # No return: each branch may only assign names; merge them as the lookup runs.
        when_set, when_unset = dict(bindings), dict(bindings)
        if self._run(set_statements, when_set, frame) is not None or self._run(unset_statements, when_unset, frame) is not None:
            raise _NotFollowed(compact(file.text(statement))[:80])
        for target in set(when_set) | set(when_unset):
            set_value, unset_value = when_set.get(target), when_unset.get(target)
            if set_value == unset_value:
                bindings[target] = set_value  # type: ignore[assignment]
            elif isinstance(set_value, Value) and isinstance(unset_value, Value) and set_value.bare_env \
                    and set_value.envs[: len(value.envs)] == value.envs:
                bindings[target] = value.or_else(unset_value)
            elif target == name and isinstance(unset_value, Value):
                bindings[target] = value.or_else(unset_value)  # `if name == "" { name = fallback }`
            else:
                raise _NotFollowed(compact(file.text(statement))[:80])
        return None

    def _set_check(self, condition: Node, bindings: Bindings, frame: Frame) -> tuple[str | None, Value, bool] | None:
        """(the name tested, its env value, condition is true when set) for `v != ""`, `v == ""`,
        `ok`, `!ok`, `ok && v != ""`, `len(v) > 0`, and the same on a strings.TrimSpace(v)."""
        file = frame.where.file
        if condition.type == "parenthesized_expression" and condition.named_children:
            return self._set_check(condition.named_children[0], bindings, frame)
        if condition.type == "identifier":
            flag = bindings.get(file.text(condition))
            return (None, Value(envs=(flag.env,)), True) if isinstance(flag, LookupFlag) else None
        if condition.type == "unary_expression" and file.text(condition).startswith("!"):
            operand = condition.child_by_field_name("operand")
            inner = self._set_check(operand, bindings, frame) if operand is not None else None
            return (inner[0], inner[1], not inner[2]) if inner is not None else None
        if condition.type != "binary_expression":
            return None
        operator = condition.child_by_field_name("operator")
        left, right = condition.child_by_field_name("left"), condition.child_by_field_name("right")
        if operator is None or left is None or right is None:
            return None
        op = file.text(operator)
        if op == "&&":
            first, second = self._set_check(left, bindings, frame), self._set_check(right, bindings, frame)
            if first is not None and second is not None and first[2] and second[2] and first[1].envs == second[1].envs:
                return second
            return None
        if op not in ("!=", "==", ">"):
            return None
        if _literal(right, file) is None and right.type != "int_literal":
            left, right = right, left
        if op == ">" and not (file.text(right) == "0" and left.type == "call_expression" and file.text(left).startswith("len(")):
            return None
        if op == ">":
            arguments = left.child_by_field_name("arguments")
            left = arguments.named_children[0] if arguments is not None and arguments.named_children else left
        elif _literal(right, file) != "":
            return None
        name = file.text(left) if left.type == "identifier" else None
        value = self.evaluate(left, bindings, frame)
        if not value.bare_env:
            if name is None or not isinstance(bindings.get(name), Value):
                return None
            return name, value, op != "=="  # a name holding a fallback-less value: "" when unset
        return name, value, op != "=="

    def evaluate(self, node: Node, bindings: Bindings, frame: Frame) -> Value:
        """The value of an expression; one nested deeper than _MAX_NESTING is not followed."""
        self._nesting += 1
        try:
            if self._nesting > _MAX_NESTING:
                raise _NotFollowed(compact(frame.where.file.text(node))[:80])
            return self._evaluate(node, bindings, frame)
        finally:
            self._nesting -= 1

    def _evaluate(self, node: Node, bindings: Bindings, frame: Frame) -> Value:
        file = frame.where.file
        literal = _literal(node, file)
        if literal is not None:
            return Value(literal=literal)
        if node.type == "parenthesized_expression" and node.named_children:
            return self.evaluate(node.named_children[0], bindings, frame)
        if node.type == "identifier":
            name = file.text(node)
            if name in bindings:
                bound = bindings[name]
                return bound if isinstance(bound, Value) else unknown(name)
            return self._package_value(frame.where, name, frame.depth, node)
        if node.type == "selector_expression":
            target = self._imported_package(node, frame.where)
            field = node.child_by_field_name("field")
            if target is not None and field is not None:
                return self._package_value(target, file.text(field), frame.depth, node)
            return unknown(compact(file.text(node)))
        if node.type == "call_expression":
            return self._call(node, bindings, frame)
        if node.type == "binary_expression":
            operator = node.child_by_field_name("operator")
            left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
            if operator is not None and file.text(operator) == "+" and left is not None and right is not None:
                return concatenation([self.evaluate(left, bindings, frame), self.evaluate(right, bindings, frame)])
        return unknown(compact(file.text(node))[:80])

    def _imported_package(self, selector: Node, where: PackageFile) -> PackageFile | None:
        operand = selector.child_by_field_name("operand")
        if operand is None or operand.type != "identifier":
            return None
        package = self.workspace.imported(where.file, where.package, where.file.text(operand))
        return PackageFile(package, where.file) if package is not None else None

    def _package_value(self, where: PackageFile, name: str, depth: int, node: Node) -> Value:
        """A package-level constant, or a var with a value (read once, at init)."""
        text = compact(where.file.text(node))
        if depth > _MAX_CALL_DEPTH:
            return unknown(text)
        found = self.workspace.find_const(where.package, name)
        if found is not None:
            const_where, value = found
            result = self.evaluate(value, {}, Frame(const_where, depth + 1))
            return result if not result.envs and result.pattern is None else unknown(text)
        found = self.workspace.find_var(where.package, name)
        if found is not None:
            var_where, value = found
            return self.evaluate(value, {}, Frame(var_where, depth + 1))
        return unknown(text)

    def _std_call(self, function: Node, frame: Frame) -> tuple[str, str] | None:
        """(import path, name) of a call to an imported package's function (`os.Getenv`)."""
        if function.type != "selector_expression":
            return None
        operand, field = function.child_by_field_name("operand"), function.child_by_field_name("field")
        if operand is None or field is None or operand.type != "identifier":
            return None
        import_path = frame.where.file.imports.get(frame.where.file.text(operand))
        return (import_path, frame.where.file.text(field)) if import_path is not None else None

    def _call(self, call: Node, bindings: Bindings, frame: Frame) -> Value:
        file = frame.where.file
        text = compact(file.text(call))[:80]
        function, argument_list = call.child_by_field_name("function"), call.child_by_field_name("arguments")
        if function is None or argument_list is None:
            return unknown(text)
        arguments = [a for a in argument_list.named_children if a.type != "comment"]
        standard = self._std_call(function, frame)
        if standard == ("os", "Getenv") and len(arguments) == 1:
            name = self.evaluate(arguments[0], bindings, frame)
            if name.envs or name.pattern is not None or name.literal is None:
                return unknown(text)
            return Value(envs=(name.literal,))
        if standard == ("strings", "TrimSpace") and len(arguments) == 1:
            inner = self.evaluate(arguments[0], bindings, frame)
            return replace(inner, literal=inner.literal.strip()) if inner.literal is not None else inner
        if standard == ("cmp", "Or") and arguments:
            values = [self.evaluate(a, bindings, frame) for a in arguments]
            result = values[-1]
            for value in reversed(values[:-1]):
                result = value.or_else(result)
            return result
        if standard == ("fmt", "Sprintf") and arguments:
            return self._sprintf(arguments, bindings, frame, text)
        values = [self.evaluate(a, bindings, frame) for a in arguments]
        if function.type == "identifier":
            return self._function(frame.where, file.text(function), values, frame.depth, text)
        if function.type == "selector_expression":
            target = self._imported_package(function, frame.where)
            field = function.child_by_field_name("field")
            if target is not None and field is not None:
                return self._function(target, file.text(field), values, frame.depth, text)
            method = self._receiver_method(function, frame)
            if method is not None:
                return self._call_method(*method, values, frame.depth, text)
        return unknown(text)

    def _sprintf(self, arguments: list[Node], bindings: Bindings, frame: Frame, text: str) -> Value:
        layout = self.evaluate(arguments[0], bindings, frame)
        if layout.literal is None or layout.envs or layout.pattern is not None:
            return unknown(text)
        values = [self.evaluate(a, bindings, frame) for a in arguments[1:]]
        parts: list[Value] = []
        position = 0
        for verb in _VERB.finditer(layout.literal):
            parts.append(Value(literal=layout.literal[position : verb.start()]))
            position = verb.end()
            if verb.group() == "%%":
                parts.append(Value(literal="%"))
                continue
            if verb.group() not in ("%s", "%v") or not values:
                return unknown(text)
            parts.append(values.pop(0))
        parts.append(Value(literal=layout.literal[position:]))
        return concatenation(parts) if not values else unknown(text)

    def _receiver_method(self, function: Node, frame: Frame) -> tuple[PackageFile, MethodDecl] | None:
        """The method a call on the receiver names: `m.name()`, or `m.Base.name()` through a field."""
        if frame.receiver is None:
            return None
        receiver_name, struct = frame.receiver
        operand, field = function.child_by_field_name("operand"), function.child_by_field_name("field")
        file = frame.where.file
        if operand is None or field is None:
            return None
        path: list[str] = []
        while operand.type == "selector_expression":
            inner_field = operand.child_by_field_name("field")
            path.insert(0, file.text(inner_field) if inner_field is not None else "")
            operand = operand.child_by_field_name("operand")
            if operand is None:
                return None
        if operand.type != "identifier" or file.text(operand) != receiver_name:
            return None
        current: NamedStruct | None = struct
        for name in path:
            current = self._field_struct(current, name) if current is not None else None
        return self.method(current, file.text(field)) if current is not None else None

    def _call_method(self, where: PackageFile, method: MethodDecl, arguments: list[Value], depth: int, text: str) -> Value:
        if depth >= _MAX_CALL_DEPTH:
            return unknown(text)
        return self._invoke(method.node, self._method_frame(where, method, depth + 1), arguments, text)

    def _function(self, where: PackageFile, name: str, arguments: list[Value], depth: int, text: str) -> Value:
        """A package-level function of the tree, its parameters bound to the call's arguments."""
        if depth >= _MAX_CALL_DEPTH:
            return unknown(text)
        found = self.workspace.find_function(where.package, name)
        if found is None:
            return unknown(text)
        function_where, node = found
        # The models of a package call the same helper alike (`return tableName()`): evaluated once.
        key = (function_where.file.path, node.start_byte, depth, self._nesting, tuple(arguments), text)
        if key not in self._function_values:
            self._function_values[key] = self._invoke(node, Frame(function_where, depth + 1), arguments, text)
        return self._function_values[key]

    def _invoke(self, node: Node, frame: Frame, arguments: list[Value], text: str) -> Value:
        parameters = node.child_by_field_name("parameters")
        body = node.child_by_field_name("body")
        names = [
            frame.where.file.text(name)
            for declaration in (parameters.named_children if parameters is not None else [])
            for name in declaration.children_by_field_name("name")
            if declaration.type == "parameter_declaration"
        ]
        declared = [d for d in (parameters.named_children if parameters is not None else []) if d.type != "comment"]
        if body is None or len(names) != len(arguments) or any(d.type != "parameter_declaration" for d in declared):
            return unknown(text)
        value = self.evaluate_body(body, frame, dict(zip(names, arguments)))
        return value if value.known or value.unfollowed else unknown(text)


def _statements(body: Node | None) -> list[Node]:
    """The statements of a block (a statement_list, with comments beside it when they sit before it)."""
    statements: list[Node] = []
    for child in body.named_children if body is not None else []:
        statements.extend(child.named_children if child.type == "statement_list" else [child])
    return statements


def _returns_at_end(block: Node) -> bool:
    statements = [s for s in _statements(block) if s.type != "comment"]
    return bool(statements) and statements[-1].type == "return_statement"


def _literal(node: Node, file) -> str | None:  # noqa: ANN001
    if node.type in ("interpreted_string_literal", "raw_string_literal"):
        return unquote_or_none(file.text(node))
    return None


def _mentions(text: str, name: str) -> bool:
    """Whether the body may call a method through the receiver (`m.table()`); a stray match only costs a cache miss."""
    return f"{name}." in text


def _receiver_name(where: PackageFile, method: MethodDecl) -> str | None:
    receiver = method.node.child_by_field_name("receiver")
    for parameter in receiver.named_children if receiver is not None else []:
        name = parameter.child_by_field_name("name")
        if name is not None and where.file.text(name) != "_":
            return where.file.text(name)
    return None


def _is_getter(method: MethodDecl) -> bool:
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


def _result_type(method: MethodDecl) -> Node | None:
    result = method.node.child_by_field_name("result")
    if result is not None and result.type == "parameter_list":
        return result.named_children[0].child_by_field_name("type") if result.named_children else None
    return result
