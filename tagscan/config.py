"""Project configuration: ``[tool.tagscan]`` in ``pyproject.toml``, or a ``tagscan.toml``.

``tagscan.toml`` holds the same keys at its top level (``[synth]`` for the synth table).
The nearest file upward from the linted path wins, up to the repository root (the first directory
holding ``.git``, else the module root of the nearest ``go.mod``): a file above the project, or one
owned by another user (not root), is never read. In one directory ``tagscan.toml`` wins over
``pyproject.toml``, and a ``pyproject.toml`` without ``[tool.tagscan]`` is passed over, even a broken
one. Command-line options override the file. Every key and type is checked: a mistake raises
``ConfigError`` naming the file and the key.
"""

from __future__ import annotations

import difflib
import os
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, get_args

from tagscan.errors import ConfigError
from tagscan.model import NAMING_CONVENTIONS, TAG_KEYS, Severity
from tagscan.scanner.gomod import rules_for_version
from tagscan.reading import read_regular_file

CONFIG_FILE = "tagscan.toml"
PYPROJECT = "pyproject.toml"
SEVERITIES: tuple[str, ...] = get_args(Severity)


@dataclass(frozen=True)
class Config:
    source: Path | None = None  # the file read; None when no file was found
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=dict)  # rule id, prefix or name -> severity
    naming: str | None = None
    tag_key: str | None = None
    orm_version: str | None = None  # e.g. v3.0.6: the ORM release every model is read as
    exclude: tuple[str, ...] = ()
    fail_on: str | None = None
    goos: str | None = None  # the platform whose files are read (`go build`'s constraints)
    goarch: str | None = None
    synth: dict[str, Any] = field(default_factory=dict)  # [tool.tagscan.synth] as written (kebab keys)
    # [tool.tagscan.bindings]: a model name, env var or table name → a template table's logical id or construct path
    bindings: Mapping[str, str] = field(default_factory=dict)

    @property
    def bindings_origin(self) -> str:
        """How error messages name the bindings table."""
        prefix = "tool.tagscan." if self.source and self.source.name == PYPROJECT else ""
        return f"{self.origin}: [{prefix}bindings]"

    @property
    def origin(self) -> str:
        """How error messages name this configuration."""
        return str(self.source) if self.source else "configuration"


Check = Callable[[Any, str], Any]


class _Reader:
    """Validates one file's tables; keys are named in messages by their dotted path."""

    def __init__(self, file: Path, prefix: str) -> None:
        self.file = file
        self.prefix = prefix

    def error(self, key: str, problem: str) -> ConfigError:
        return ConfigError(f"{self.file}: {self.prefix}{key.rstrip('.')}: {problem}")

    def table(self, data: Any, where: str, checks: Mapping[str, Check]) -> dict[str, Any]:
        if not isinstance(data, dict):
            raise self.error(where, "must be a table")
        for key in data:
            if key not in checks:
                close = difflib.get_close_matches(key, list(checks), n=1)
                hint = f"; did you mean {close[0]!r}?" if close else f"; known keys: {', '.join(sorted(checks))}"
                raise ConfigError(f"{self.file}: unknown key '{self.prefix}{where}{key}'{hint}")
        return {key: checks[key](value, f"{where}{key}") for key, value in data.items()}

    def string(self, value: Any, key: str) -> str:
        if not isinstance(value, str):
            raise self.error(key, f"must be a string, not {_toml_type(value)}")
        return value

    def boolean(self, value: Any, key: str) -> bool:
        if not isinstance(value, bool):
            raise self.error(key, f"must be true or false, not {_toml_type(value)}")
        return value

    def orm_version(self, value: Any, key: str) -> str:
        text = self.string(value, key)
        if rules_for_version(text) is None:
            raise self.error(key, f"must be an ORM release such as v3.0.6, 1.7 or 4, not {text!r}")
        return text

    def strings(self, value: Any, key: str) -> tuple[str, ...]:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.error(key, "must be a list of strings")
        return tuple(value)

    def choice(self, options: tuple[str, ...]) -> Check:
        def check(value: Any, key: str) -> str:
            text = self.string(value, key)
            if text not in options:
                raise self.error(key, f"must be one of {', '.join(options)}, not {text!r}")
            return text

        return check

    def string_table(self, value_check: Check) -> Check:
        def check(value: Any, key: str) -> dict[str, Any]:
            if not isinstance(value, dict):
                raise self.error(key, "must be a table")
            return {k: value_check(v, f"{key}.{k}") for k, v in value.items()}

        return check


def _toml_type(value: Any) -> str:
    return {bool: "a boolean", int: "an integer", float: "a float", str: "a string", list: "an array",
            dict: "a table"}.get(type(value), type(value).__name__)


def _parse(file: Path, data: Any, prefix: str) -> Config:
    reader = _Reader(file, prefix)
    table_overrides: dict[str, Check] = {
        "billing-mode": reader.string,
        "stream-view-type": reader.string,
        "removal-policy": reader.string,
        "deletion-protection": reader.boolean,
        "pitr": reader.boolean,
        "tags": reader.string_table(reader.string),
    }

    def per_table(value: Any, key: str) -> dict[str, Any]:
        return reader.table(value, f"{key}.", table_overrides)

    synth_keys: dict[str, Check] = {
        "stack-name": reader.string,
        "account": reader.string,
        "region": reader.string,
        **table_overrides,
        "tables": reader.string_table(per_table),
    }
    checks: dict[str, Check] = {
        "select": reader.strings,
        "ignore": reader.strings,
        "severity": reader.string_table(reader.choice(SEVERITIES)),
        "naming": reader.choice(NAMING_CONVENTIONS),
        "tag-key": reader.choice(TAG_KEYS),
        "orm-version": reader.orm_version,
        "exclude": reader.strings,
        "fail-on": reader.choice(SEVERITIES),
        "goos": reader.string,
        "goarch": reader.string,
        "synth": lambda value, key: reader.table(value, f"{key}.", synth_keys),
        "bindings": reader.string_table(reader.string),
    }
    values = reader.table(data, "", checks)
    return Config(
        source=file,
        select=values.get("select"),
        ignore=values.get("ignore", ()),
        severity=values.get("severity", {}),
        naming=values.get("naming"),
        tag_key=values.get("tag-key"),
        orm_version=values.get("orm-version"),
        exclude=values.get("exclude", ()),
        fail_on=values.get("fail-on"),
        goos=values.get("goos"),
        goarch=values.get("goarch"),
        synth=values.get("synth", {}),
        bindings=values.get("bindings", {}),
    )


MAX_CONFIG_BYTES = 1 << 20


def _load_toml(file: Path) -> dict[str, Any]:
    try:
        return _parse_toml(file, read_regular_file(file, MAX_CONFIG_BYTES))
    except OSError as exc:
        raise ConfigError(f"{file}: cannot read: {exc.strerror or exc}") from None


def _parse_toml(file: Path, data: bytes) -> dict[str, Any]:
    try:
        return tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ConfigError(f"{file}:{line}: invalid TOML: not UTF-8 (byte {exc.start})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{file}: invalid TOML: {exc}") from None
    except RecursionError:
        # tomllib recurses once per level of nested arrays and inline tables
        raise ConfigError(f"{file}: invalid TOML: arrays or inline tables nested too deeply") from None


def _tool_table(data: dict[str, Any]) -> Any:
    tool = data.get("tool")
    return tool.get("tagscan") if isinstance(tool, dict) else None


def read_config(file: str | Path) -> Config:
    """Read one configuration file: a ``pyproject.toml`` (its ``[tool.tagscan]``) or a ``tagscan.toml``."""
    file = Path(file)
    if not file.is_file():
        raise ConfigError(f"{file}: configuration file not found")
    data = _load_toml(file)
    if file.name == PYPROJECT:
        return _parse(file, _tool_table(data) or {}, "tool.tagscan.")
    return _parse(file, data, "")


def find_config(start: str | Path) -> Path | None:
    """The nearest ``tagscan.toml``, or ``pyproject.toml`` with ``[tool.tagscan]``, at or above
    ``start`` and not above the repository root, owned by the current user or root."""
    here = Path(start).resolve()
    directory = here if here.is_dir() else here.parent
    for candidate_dir in _search_path(directory):
        own = candidate_dir / CONFIG_FILE
        if own.is_file() and _trusted(own):
            return own
        pyproject = candidate_dir / PYPROJECT
        if pyproject.is_file() and _trusted(pyproject) and _has_tool_table(pyproject):
            return pyproject
    return None


def _search_path(directory: Path) -> list[Path]:
    """``directory`` and its parents up to the repository root: the first holding ``.git``, else
    the first holding ``go.mod``, else the file system root."""
    upward = [directory, *directory.parents]
    for marker in (".git", "go.mod"):
        for index, candidate in enumerate(upward):
            if (candidate / marker).exists():
                return upward[: index + 1]
    return upward


def _trusted(file: Path) -> bool:
    # Another user's file on the way up (a shared /tmp, a home above the checkout) is not ours to obey.
    try:
        return os.stat(file).st_uid in (os.getuid(), 0)
    except OSError:
        return False


def _has_tool_table(pyproject: Path) -> bool:
    """Whether the file configures tagscan; a broken file that never names tagscan is someone
    else's problem, not an error of ours."""
    try:
        data = read_regular_file(pyproject, MAX_CONFIG_BYTES)
    except OSError as exc:
        raise ConfigError(f"{pyproject}: cannot read: {exc.strerror or exc}") from None
    try:
        parsed = _parse_toml(pyproject, data)
    except ConfigError:
        if b"tagscan" in data:
            raise
        return False
    return _tool_table(parsed) is not None


def load_config(path: str | Path) -> Config:
    """The configuration for ``path``: the file itself when it is a ``.toml``, else the nearest one upward.

    Returns the defaults (``Config()``) when there is none.
    """
    path = Path(path)
    if path.suffix == ".toml":
        return read_config(path)
    found = find_config(path)
    return read_config(found) if found else Config()
