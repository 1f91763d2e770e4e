"""go.mod, read line by line, and the ORM release it pins (orm-versions.md, "Which release").

The reader tokenizes each line once (quotes and `//` comments as Go's modfile lexer has them) and
keeps what a release needs: the module path, `require`s and `replace`s. Each position of a line is
read once (a quote is matched once where it starts, never re-tried further on), so its time is
linear in the file's size whatever the bytes are.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from tagscan import releases
from tagscan.model import OrmRelease

# A quoted token, tried once at a known position (never re-tried further on), and a bare run.
_QUOTED = re.compile(r'"(?:[^"\\\n]|\\.)*"|`[^`]*`')
_BARE = re.compile(r'[^\s"`]+')
_SEMVER = re.compile(r"v(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?")
_BLOCK_VERBS = ("require", "replace", "exclude", "retract", "tool", "ignore", "godebug")


@dataclass(frozen=True)
class Replace:
    old: str
    old_version: str | None  # None: every version of `old`
    new: str
    new_version: str | None  # None: `new` is a local directory


@dataclass(frozen=True)
class GoModFile:
    module: str | None
    requires: tuple[tuple[str, str], ...]  # (module path, version), in file order
    replaces: tuple[Replace, ...]


def _tokens(line: str) -> list[str]:
    """The line's tokens, quotes removed, up to a `//` comment; an unterminated quote ends the line
    (Go rejects it). Each position is looked at once."""
    tokens: list[str] = []
    position, end = 0, len(line)
    while position < end:
        if line[position].isspace():
            position += 1
            continue
        if line[position] in '"`':
            quoted = _QUOTED.match(line, position)
            if quoted is None:
                break
            tokens.append(quoted.group()[1:-1])
            position = quoted.end()
            continue
        bare = _BARE.match(line, position)
        assert bare is not None  # a non-space, non-quote character starts one
        text = bare.group()
        comment = text.find("//")
        if comment >= 0:
            if comment > 0:
                tokens.append(text[:comment])
            break
        tokens.append(text)
        position = bare.end()
    return tokens


def parse(text: str) -> GoModFile:
    """The module path, requires and replaces of a go.mod's text (unknown lines are passed over)."""
    module = None
    requires: list[tuple[str, str]] = []
    replaces: list[Replace] = []
    block: str | None = None
    for line in text.splitlines():
        tokens = _tokens(line)
        if not tokens:
            continue
        if block is not None:
            if tokens[0] == ")":
                block = None
                continue
            verb, args = block, tokens
        else:
            verb, args = tokens[0], tokens[1:]
            if verb in _BLOCK_VERBS and args == ["("]:
                block = verb
                continue
        if verb == "module" and args:
            module = args[0]
        elif verb == "require" and len(args) >= 2:
            requires.append((args[0], args[1]))
        elif verb == "replace" and "=>" in args:
            arrow = args.index("=>")
            old, new = args[:arrow], args[arrow + 1 :]
            if 1 <= len(old) <= 2 and 1 <= len(new) <= 2:
                replaces.append(Replace(old[0], old[1] if len(old) == 2 else None, new[0], new[1] if len(new) == 2 else None))
    return GoModFile(module, tuple(requires), tuple(replaces))


def _semver(version: str) -> tuple[int, int, int, bool] | None:
    """(major, minor, patch, before the release) of a module version. A pseudo-version with no
    tag below it (`v4.0.0-20260101000000-abcdef123456`) is a commit of its major line: not before."""
    match = _SEMVER.fullmatch(version.strip())
    if match is None:
        return None
    prerelease = match[4]
    untagged_pseudo = prerelease is not None and re.fullmatch(r"\d{14}-[0-9a-f]{12}", prerelease) is not None
    return int(match[1]), int(match[2]), int(match[3]), prerelease is not None and not untagged_pseudo


def rules_for_version(version: str, module: str | None = None) -> str | None:
    """The rule set of the release `version` names (`v3.0.6`, `3.0`, `4`), or None when it is no
    version. The last rule set the version has reached; below every one, the line's oldest."""
    parsed = _semver(version if version.startswith("v") else "v" + _padded(version))
    if parsed is None:
        return None
    major, minor, patch, before = parsed
    chosen = None
    for name in releases.RULE_SETS:
        first = tuple(int(p) for p in name.split("."))
        if (major, minor, patch) > first or ((major, minor, patch) == first and not before):
            chosen = name
    if chosen is None:
        return "1.0.31" if releases.is_tabletheory(module) else releases.RULE_SETS[0]
    return chosen


def _padded(version: str) -> str:
    core, sep, rest = version.partition("-")
    numbers = core.split(".")
    if not all(n.isdigit() for n in numbers) or not 1 <= len(numbers) <= 3:
        return version
    return ".".join(numbers + ["0"] * (3 - len(numbers))) + sep + rest


def _major_of(module: str) -> int:
    """The major version a module path's `/vN` suffix names (1 without one)."""
    last = module.rsplit("/", 1)[-1]
    return int(last[1:]) if last[:1] == "v" and last[1:].isdigit() else 1


def own_module_rules(module: str) -> str:
    """The ORM's own module (its examples) reads as the newest release of its line."""
    if module == releases.DYNAMORM_MODULE:
        return "1.0.31"
    major = _major_of(module)
    newest = [name for name in releases.RULE_SETS if int(name.split(".")[0]) == major]
    return newest[-1] if newest else releases.NEWEST


def release(gomod: GoModFile | None, imports: Iterable[str] = (), override: str | None = None) -> OrmRelease:
    """The ORM release a package governed by `gomod` is registered by, given its files' `imports`
    (which ORM module they use, when go.mod requires several) and `--orm-version` (`override`)."""
    orm_module = version = None
    source = "assumed"
    if gomod is not None and releases.is_orm_module(gomod.module):
        orm_module, source = gomod.module, "orm-module"
    elif gomod is not None:
        required = [(path, v) for path, v in gomod.requires if releases.is_orm_module(path)]
        imported = [(path, v) for path, v in required if path in {_module_of(i, required) for i in imports}]
        candidates = imported or required
        if candidates:
            orm_module, version = max(candidates, key=lambda pv: _sort_key(pv[1]))
            source = "go.mod"
            orm_module, version, source = _replaced(gomod, orm_module, version, source)
    if override is not None:
        rules = rules_for_version(override, orm_module)
        if rules is None:
            raise ValueError(f"not an ORM version: {override!r} (e.g. v3.0.6, 1.7 or 4)")
        return OrmRelease(module=orm_module, version=version, rules=rules, source="flag")
    if source == "orm-module":
        return OrmRelease(module=orm_module, version=None, rules=own_module_rules(orm_module), source=source)  # type: ignore[arg-type]
    rules = rules_for_version(version, orm_module) if version else None
    if rules is None:
        newest = own_module_rules(orm_module) if orm_module == releases.DYNAMORM_MODULE else releases.NEWEST
        return OrmRelease(module=orm_module, version=version, rules=newest, source="assumed")
    return OrmRelease(module=orm_module, version=version, rules=rules, source=source)


def assumed_for_tags(orm: OrmRelease, tag_key: str) -> OrmRelease:
    """An unknown release of an unknown ORM: the newest rules of the ORM whose tag key the model
    uses (DynamORM's for `dynamorm` tags, TableTheory's for `theorydb`)."""
    if orm.source != "assumed" or orm.module is not None or tag_key != "dynamorm":
        return orm
    return _with_dynamorm_rules(orm)


@functools.cache  # asked per struct: its models share one release
def _with_dynamorm_rules(orm: OrmRelease) -> OrmRelease:
    return replace(orm, rules=own_module_rules(releases.DYNAMORM_MODULE))


def _module_of(import_path: str, required: list[tuple[str, str]]) -> str | None:
    """The required module an import path is in: the longest that holds it (`.../tabletheory/v3/pkg`
    is in `.../tabletheory/v3`, not in `.../tabletheory`)."""
    holders = [path for path, _ in required if import_path == path or import_path.startswith(path + "/")]
    return max(holders, key=len) if holders else None


def _sort_key(version: str) -> tuple[int, int, int, bool]:
    parsed = _semver(version)
    return (parsed[0], parsed[1], parsed[2], not parsed[3]) if parsed else (-1, 0, 0, False)


def _replaced(gomod: GoModFile, module: str, version: str, source: str) -> tuple[str, str | None, str]:
    """A `replace` of the required module: to a version counts (and to another ORM module, its
    line); to a local directory the release is unknown. A versioned replace wins over a general one."""
    chosen = None
    for replace in gomod.replaces:
        if replace.old == module and replace.old_version in (None, version):
            if chosen is None or replace.old_version is not None:
                chosen = replace
    if chosen is None:
        return module, version, source
    if chosen.new_version is None:
        return module, None, "assumed"
    return (chosen.new if releases.is_orm_module(chosen.new) else module), chosen.new_version, "replace"
