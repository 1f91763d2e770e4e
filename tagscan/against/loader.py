"""Reading CloudFormation templates: JSON, YAML with the short intrinsic tags, or a ``cdk.out`` directory.

``load_templates(paths)`` is what ``tagscan lint --against`` and ``tagscan diff`` call. Every template
keeps the line of each resource where the format gives it, so findings about a resource can point at it.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml  # type: ignore[import-untyped]  # no stubs pinned

from tagscan.errors import InputError
from tagscan.reading import inside, read_regular_file

# Far above any deployable template (CloudFormation takes at most 1 MB), far below what hurts to read.
MAX_TEMPLATE_BYTES = 64 << 20
# What YAML aliases may add to a template: far more than any template repeats, far less than a
# "billion laughs" document makes of a few lines.
MAX_ALIAS_EXPANSION = 1_000_000
MAX_YAML_NESTING = 100  # CloudFormation templates nest a dozen levels

# Short form → long form. `!Ref` and `!Condition` keep their names; the rest gain the `Fn::` prefix.
_SHORT_TAGS = {
    "Ref": "Ref",
    "Condition": "Condition",
    **{
        name: f"Fn::{name}"
        for name in (
            "GetAtt",
            "Sub",
            "Join",
            "ImportValue",
            "Select",
            "Split",
            "If",
            "Equals",
            "And",
            "Or",
            "Not",
            "FindInMap",
            "Base64",
            "Cidr",
            "GetAZs",
        )
    },
}


@dataclass(frozen=True)
class LoadedTemplate:
    """One stack template: ``path`` as the user named it (or ``cdk.out/<file>``), ``stack`` its name."""

    path: str
    stack: str
    template: dict[str, Any] = field(compare=False)
    resource_positions: dict[str, tuple[int, int]] = field(default_factory=dict, compare=False)  # 1-based

    @property
    def resources(self) -> dict[str, Any]:
        return self.template["Resources"]

    def position_of(self, logical_id: str) -> tuple[int, int]:
        """The (line, column) of the resource's key, or (1, 1) when the format did not give one."""
        return self.resource_positions.get(logical_id, (1, 1))


class _CfnLoader(yaml.SafeLoader):
    """SafeLoader that reads `!Ref X` as {"Ref": "X"}, `!GetAtt A.B` as {"Fn::GetAtt": ["A", "B"]}, ...
    and refuses collections nested deeper than MAX_YAML_NESTING (composing them recurses)."""

    _nesting = 0

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node:
        self._nesting += 1
        try:
            if self._nesting > MAX_YAML_NESTING:
                raise yaml.composer.ComposerError(
                    None, None, f"collections nested more than {MAX_YAML_NESTING} levels deep", self.peek_event().start_mark
                )
            return super().compose_node(parent, index)
        finally:
            self._nesting -= 1


def _construct_intrinsic(loader: _CfnLoader, suffix: str, node: yaml.Node) -> dict[str, Any]:
    name = _SHORT_TAGS.get(suffix)
    if name is None:
        raise yaml.constructor.ConstructorError(None, None, f"unknown tag !{suffix}", node.start_mark)
    if isinstance(node, yaml.ScalarNode):
        value: Any = loader.construct_scalar(node)
        if name == "Fn::GetAtt":
            # `!GetAtt Table.Arn` is the short form of ["Table", "Arn"].
            value = value.split(".", 1)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)
    return {name: value}


_CfnLoader.add_multi_constructor("!", _construct_intrinsic)
# CloudFormation reads `2010-09-09` as a string, not a date; so does this loader.
_CfnLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_templates(paths: Iterable[str | os.PathLike[str]]) -> tuple[LoadedTemplate, ...]:
    """Every template the paths name, in order: a file is one template, a ``cdk.out`` directory one per stack."""
    loaded: list[LoadedTemplate] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            loaded.extend(_load_assembly(path, set()))
        elif path.exists():
            loaded.append(load_template(path))  # a FIFO or device too: refused there, by its kind
        else:
            raise InputError(f"{path}: no such file or directory")
    return tuple(loaded)


def load_template(path: Path, stack: str | None = None) -> LoadedTemplate:
    """One template file, JSON or YAML (chosen by content, so `.template` files work too)."""
    text = _read_text(path)
    if text.lstrip().startswith("{"):
        template, lines = _parse_json(path, text)
    else:
        template, lines = _parse_yaml(path, text)
    if not isinstance(template, dict) or not isinstance(template.get("Resources"), dict):
        raise InputError(f"{path}: not a CloudFormation template (no Resources)")
    return LoadedTemplate(str(path), stack or _stack_name(path), template, lines)


def _stack_name(path: Path) -> str:
    name = path.name
    for suffix in (".template.json", ".template.yaml", ".template.yml", ".json", ".yaml", ".yml", ".template"):
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


def _parse_json(path: Path, text: str) -> tuple[Any, dict[str, tuple[int, int]]]:
    try:
        template = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}:{exc.lineno}: not valid JSON: {exc.msg}") from None
    except RecursionError:  # json stops at the interpreter's recursion limit (about 1,000 levels)
        raise InputError(f"{path}: not a CloudFormation template (arrays or objects nested too deeply)") from None
    return template, _json_resource_positions(text, template)


# The end of a JSON key whose value is an object: its closing quote, the colon, the brace.
_OBJECT_KEY_END = re.compile(r'"\s*:\s*\{')


def _json_resource_positions(text: str, template: Any) -> dict[str, tuple[int, int]]:
    """Positions of the resources' keys: the first `"Id": {` after `"Resources"` (json keeps none),
    found in one pass over the text, lines counted as it goes."""
    if not isinstance(template, dict) or not isinstance(template.get("Resources"), dict):
        return {}
    wanted = set(template["Resources"])
    positions: dict[str, tuple[int, int]] = {}
    line, counted_to = 1, 0
    for match in _OBJECT_KEY_END.finditer(text, max(text.find('"Resources"'), 0)):
        start = _string_start(text, match.start())
        if start is None:
            continue
        key = text[start + 1 : match.start()]
        if "\\" in key:
            try:
                key = json.loads(f'"{key}"')
            except json.JSONDecodeError:
                continue
        if key in wanted and key not in positions:
            line += text.count("\n", counted_to, start)
            counted_to = start
            positions[key] = (line, start - text.rfind("\n", 0, start))
            if len(positions) == len(wanted):
                break
    return positions


def _string_start(text: str, end: int) -> int | None:
    """The opening quote of the JSON string whose closing quote is at ``end`` (None when that quote
    is escaped, or the string would span lines: no key then)."""
    if _escaped(text, end):
        return None
    start = text.rfind('"', 0, end)
    while start >= 0 and _escaped(text, start):
        start = text.rfind('"', 0, start)
    return None if start < 0 or "\n" in text[start:end] else start


def _escaped(text: str, quote: int) -> bool:
    backslashes = 0
    while quote - backslashes > 0 and text[quote - backslashes - 1] == "\\":
        backslashes += 1
    return backslashes % 2 == 1


def _parse_yaml(path: Path, text: str) -> tuple[Any, dict[str, tuple[int, int]]]:
    try:
        loader = _CfnLoader(text)
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow (a control character)
        line = text.count("\n", 0, exc.position) + 1
        raise InputError(f"{path}:{line}: not valid YAML: the character {chr(exc.character)!r} is not allowed") from None
    try:
        node = loader.get_single_node()
        _check_aliases(path, node)
        template = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark is not None else str(path)
        problem = getattr(exc, "problem", None) or str(exc)
        raise InputError(f"{where}: not valid YAML: {problem}") from None
    finally:
        loader.dispose()
    return template, _yaml_resource_positions(node)


def _check_aliases(path: Path, root: yaml.Node | None) -> None:
    """Follow every alias once: a document whose aliases contain themselves (`a: &x [*x]`) or
    expand it by more than MAX_ALIAS_EXPANSION values (a "billion laughs") is no template. The
    expanded size of each node is counted once, so this is linear in the document."""
    expanded: dict[int, int] = {}  # id(node) -> values it stands for, aliases expanded
    enclosing: set[int] = set()  # the nodes being counted, root first
    stack: list[tuple[yaml.Node, bool]] = [(root, False)] if root is not None else []
    while stack:
        node, children_counted = stack.pop()
        children = _children(node)
        if children_counted:
            enclosing.discard(id(node))
            expanded[id(node)] = 1 + sum(expanded[id(child)] for child in children)
            continue
        if id(node) in expanded:
            continue
        if id(node) in enclosing:
            raise InputError(f"{path}: not a CloudFormation template (a YAML alias contains itself)")
        enclosing.add(id(node))
        stack.append((node, True))
        stack.extend((child, False) for child in children if id(child) not in expanded)
    if root is not None and expanded[id(root)] - len(expanded) > MAX_ALIAS_EXPANSION:
        raise InputError(
            f"{path}: not a CloudFormation template (its YAML aliases expand to {expanded[id(root)]:,} values)"
        )


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def _yaml_resource_positions(node: yaml.Node | None) -> dict[str, tuple[int, int]]:
    if not isinstance(node, yaml.MappingNode):
        return {}
    for key, value in node.value:
        if key.value == "Resources" and isinstance(value, yaml.MappingNode):
            return {
                k.value: (k.start_mark.line + 1, k.start_mark.column + 1)
                for k, _ in value.value
                if isinstance(k, yaml.ScalarNode)
            }
    return {}


def _read_text(path: Path) -> str:
    try:
        return read_regular_file(path, MAX_TEMPLATE_BYTES).decode("utf-8")
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: cannot read: not UTF-8 at byte {exc.start}") from None


def _load_assembly(directory: Path, visited: set[str]) -> list[LoadedTemplate]:
    """Every stack template a cloud assembly's ``manifest.json`` lists (nested assemblies too, each
    once). An entry must name a file or directory inside the assembly: a crafted manifest must not
    make tagscan read ``/etc/passwd`` or ``/dev/zero``."""
    visited.add(os.path.realpath(directory))
    manifest_path = directory / "manifest.json"
    if not manifest_path.is_file():
        raise InputError(f"{directory}: not a cdk.out directory (no manifest.json)")
    try:
        manifest = json.loads(_read_text(manifest_path))
    except json.JSONDecodeError as exc:
        raise InputError(f"{manifest_path}: cannot read the cloud assembly manifest: {exc}") from None
    artifacts = manifest.get("artifacts") if isinstance(manifest, dict) else None
    if not isinstance(artifacts, dict):
        raise InputError(f"{manifest_path}: not a cloud assembly manifest (no artifacts)")
    templates: list[LoadedTemplate] = []
    for artifact_id in sorted(artifacts):
        artifact = artifacts[artifact_id]
        if not isinstance(artifact, dict) or not isinstance(artifact.get("properties"), dict):
            continue  # no template or nested assembly without properties
        properties = artifact["properties"]
        if artifact.get("type") == "aws:cloudformation:stack" and "templateFile" in properties:
            stack = artifact.get("displayName") or properties.get("stackName") or artifact_id
            template_file = _assembly_entry(manifest_path, artifact_id, "templateFile", properties["templateFile"])
            templates.append(load_template(template_file, stack=stack))
        elif artifact.get("type") == "aws:cloud-assembly" and "directoryName" in properties:
            nested = _assembly_entry(manifest_path, artifact_id, "directoryName", properties["directoryName"])
            if os.path.realpath(nested) not in visited:
                templates.extend(_load_assembly(nested, visited))
    if not templates:
        raise InputError(f"{directory}: the cloud assembly lists no stack templates")
    return templates


def _assembly_entry(manifest_path: Path, artifact_id: str, key: str, value: Any) -> Path:
    """The path a manifest entry names, which must lie inside the assembly."""
    entry = manifest_path.parent / value if isinstance(value, str) and value else None
    if entry is None or not inside(entry, manifest_path.parent):
        raise InputError(f"{manifest_path}: artifact {artifact_id!r}: {key} {value!r} is not inside the cloud assembly")
    return entry
