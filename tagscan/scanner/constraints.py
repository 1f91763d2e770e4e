"""Build constraints, as `go build` applies them: a file for another GOOS/GOARCH (`_windows.go`,
`//go:build windows`) or one marked `//go:build ignore` is not part of its package."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from tagscan.errors import InputError

KNOWN_OS = frozenset(
    "aix android darwin dragonfly freebsd hurd illumos ios js linux nacl netbsd openbsd plan9 solaris wasip1 "
    "windows zos".split()
)
KNOWN_ARCH = frozenset(
    "386 amd64 amd64p32 arm armbe arm64 arm64be loong64 mips mipsle mips64 mips64le mips64p32 mips64p32le ppc "
    "ppc64 ppc64le riscv riscv64 s390 s390x sparc sparc64 wasm".split()
)
UNIX = frozenset("aix android darwin dragonfly freebsd hurd illumos ios linux netbsd openbsd solaris".split())
_BUILD_LINE = re.compile(rb"^//go:build[ \t]+(.+?)[ \t]*\r?$", re.MULTILINE)
_PLUS_BUILD_LINE = re.compile(rb"^//[ \t]*\+build[ \t]+(.+?)[ \t]*\r?$", re.MULTILINE)
_PACKAGE = re.compile(rb"^[ \t]*package[ \t]", re.MULTILINE)
_TOKEN = re.compile(r"\s*(\(|\)|!|&&|\|\||[A-Za-z0-9_.]+)")
MAX_TOKENS = 256  # far longer than any real constraint; the parser recurses per `!` and `(`


@dataclass(frozen=True)
class BuildTarget:
    """The platform the models are built for; Lambda runs linux (amd64 or arm64)."""

    goos: str = "linux"
    goarch: str = "amd64"

    def __post_init__(self) -> None:
        if self.goos not in KNOWN_OS:
            raise InputError(f"unknown GOOS {self.goos!r} (use one of {', '.join(sorted(KNOWN_OS))})")
        if self.goarch not in KNOWN_ARCH:
            raise InputError(f"unknown GOARCH {self.goarch!r} (use one of {', '.join(sorted(KNOWN_ARCH))})")

    def satisfies(self, tag: str) -> bool:
        # Release tags (go1.21) are all true, as for the newest Go; cgo is off (as Lambda builds are);
        # any other tag (ignore, integration, ...) is false, as with no -tags.
        return tag in (self.goos, self.goarch, "gc") or (tag == "unix" and self.goos in UNIX) or tag.startswith("go1.")

    def wants_name(self, name: str) -> bool:
        """False for `x_windows.go`, `x_arm64.go`, `x_darwin_arm64_test.go` when built for another platform."""
        parts = name.removesuffix(".go").removesuffix("_test").split("_")[1:]
        if len(parts) >= 2 and parts[-2] in KNOWN_OS and parts[-1] in KNOWN_ARCH:
            return parts[-2] == self.goos and parts[-1] == self.goarch
        if parts and parts[-1] in KNOWN_OS:
            return parts[-1] == self.goos
        if parts and parts[-1] in KNOWN_ARCH:
            return parts[-1] == self.goarch
        return True

    def wants_source(self, source: bytes) -> bool:
        """False when the file's `//go:build` line (before the package clause) excludes it; files with
        only old `// +build` lines are read by those, as Go still does."""
        package = _PACKAGE.search(source)
        header = source[: package.start()] if package else source
        if b"build" not in header:
            return True
        line = _BUILD_LINE.search(header)
        if line is not None:
            return self._evaluate(line.group(1).decode("utf-8", "replace"))
        return all(self._plus_build(old.group(1).decode("utf-8", "replace")) for old in _PLUS_BUILD_LINE.finditer(header))

    def _plus_build(self, line: str) -> bool:
        # `// +build a,b c` is (a AND b) OR c; `!a` negates.
        return any(
            all((not self.satisfies(term[1:])) if term.startswith("!") else self.satisfies(term) for term in option.split(","))
            for option in line.split()
        )

    def _evaluate(self, expression: str) -> bool:
        """A `//go:build` expression: tags, !, &&, ||, parentheses. A malformed one is false (`go
        build` rejects the file)."""
        tokens = []
        position = 0
        while position < len(expression):
            match = _TOKEN.match(expression, position)
            if match is None:
                return False
            tokens.append(match.group(1))
            position = match.end()
        if len(tokens) > MAX_TOKENS:
            return False
        parser = _Parser(tokens, self.satisfies)
        try:
            value = parser.disjunction()
        except IndexError:
            return False
        return value if parser.done() else False


class _Parser:
    """Recursive descent over at most MAX_TOKENS tokens."""

    def __init__(self, tokens: list[str], satisfies: Callable[[str], bool]) -> None:
        self.tokens = tokens
        self.at = 0
        self.satisfies = satisfies

    def done(self) -> bool:
        return self.at == len(self.tokens)

    def disjunction(self) -> bool:
        value = self.conjunction()
        while not self.done() and self.tokens[self.at] == "||":
            self.at += 1
            value = self.conjunction() or value
        return value

    def conjunction(self) -> bool:
        value = self.unary()
        while not self.done() and self.tokens[self.at] == "&&":
            self.at += 1
            value = self.unary() and value
        return value

    def unary(self) -> bool:
        token = self.tokens[self.at]
        self.at += 1
        if token == "!":
            return not self.unary()
        if token == "(":
            value = self.disjunction()
            if self.tokens[self.at] != ")":
                raise IndexError
            self.at += 1
            return value
        if token in (")", "&&", "||"):
            raise IndexError
        return self.satisfies(token)
