"""Go struct tags, read exactly as Go reads them.

``unquote`` is ``strconv.Unquote`` for string literals, ``lookup`` is
``reflect.StructTag.Lookup`` (including where it silently stops on malformed input), and
``check`` is the syntax check of ``go vet``'s structtag analyzer.
"""

from __future__ import annotations

_SIMPLE_ESCAPES = {
    "a": "\a",
    "b": "\b",
    "f": "\f",
    "n": "\n",
    "r": "\r",
    "t": "\t",
    "v": "\v",
    "\\": "\\",
    '"': '"',
}

ERR_TAG_SYNTAX = "bad syntax for struct tag pair"
ERR_TAG_KEY_SYNTAX = "bad syntax for struct tag key"
ERR_TAG_VALUE_SYNTAX = "bad syntax for struct tag value"
ERR_TAG_SPACE = 'key:"value" pairs not separated by spaces'


def unquote(literal: str) -> str:
    """Go's ``strconv.Unquote`` for a raw (backquoted) or interpreted string literal."""
    if len(literal) < 2 or literal[0] != literal[-1] or literal[0] not in '`"':
        raise ValueError("invalid syntax")
    body = literal[1:-1]
    if literal[0] == "`":
        if "`" in body:
            raise ValueError("invalid syntax")
        return body.replace("\r", "")  # Go drops carriage returns from raw strings
    out: list[str] = []
    i = 0
    while i < len(body):
        ch = body[i]
        if ch == '"' or ch == "\n":
            raise ValueError("invalid syntax")
        if ch != "\\":
            out.append(ch)
            i += 1
            continue
        if i + 1 >= len(body):
            raise ValueError("invalid syntax")
        esc = body[i + 1]
        if esc in _SIMPLE_ESCAPES:
            out.append(_SIMPLE_ESCAPES[esc])
            i += 2
        elif esc in "xuU":
            width = {"x": 2, "u": 4, "U": 8}[esc]
            digits = body[i + 2 : i + 2 + width]
            if len(digits) != width or any(c not in "0123456789abcdefABCDEF" for c in digits):
                raise ValueError("invalid syntax")
            code = int(digits, 16)
            if esc == "x":
                out.append(_byte_char(code))
            else:
                if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
                    raise ValueError("invalid syntax")
                out.append(chr(code))
            i += 2 + width
        elif esc in "01234567":
            digits = body[i + 1 : i + 4]
            if len(digits) != 3 or any(c not in "01234567" for c in digits):
                raise ValueError("invalid syntax")
            code = int(digits, 8)
            if code > 255:
                raise ValueError("invalid syntax")
            out.append(_byte_char(code))
            i += 4
        else:
            raise ValueError("invalid syntax")
    return "".join(out)


def _byte_char(code: int) -> str:
    # \x and octal escapes are single bytes in Go; a lone byte >= 0x80 is not valid UTF-8,
    # so it is kept as a surrogate escape that round-trips to the same byte.
    return chr(code) if code < 0x80 else bytes([code]).decode("utf-8", "surrogateescape")


def _pairs(tag: str, *, strict: bool):
    """Yield (key, quoted value) pairs; on a syntax error yield ("", error) and stop."""
    n = 0
    while tag:
        if strict and n > 0 and tag[0] != " ":
            yield "", ERR_TAG_SPACE
            return
        tag = tag.lstrip(" ")
        if not tag:
            return
        i = 0
        while i < len(tag) and ord(tag[i]) > 0x20 and tag[i] not in ':"' and tag[i] != "\x7f":
            i += 1
        if i == 0:
            yield "", ERR_TAG_KEY_SYNTAX
            return
        if i + 1 >= len(tag) or tag[i] != ":":
            yield "", ERR_TAG_SYNTAX
            return
        if tag[i + 1] != '"':
            yield "", ERR_TAG_VALUE_SYNTAX
            return
        key, tag = tag[:i], tag[i + 1 :]
        i = 1
        while i < len(tag) and tag[i] != '"':
            if tag[i] == "\\":
                i += 1
            i += 1
        if i >= len(tag):
            yield "", ERR_TAG_VALUE_SYNTAX
            return
        yield key, tag[: i + 1]
        tag = tag[i + 1 :]
        n += 1


def lookup(tag: str, key: str) -> tuple[str, bool]:
    """``reflect.StructTag(tag).Lookup(key)``: the value and whether the key is present."""
    for name, quoted in _pairs(tag, strict=False):
        if not name:
            break
        if name == key:
            try:
                return unquote(quoted), True
            except ValueError:
                break
    return "", False


def check(tag: str) -> str | None:
    """The ``go vet`` structtag syntax error for a malformed tag, or None when it is well formed."""
    for name, quoted in _pairs(tag, strict=True):
        if not name:
            return quoted
        try:
            unquote(quoted)
        except ValueError:
            return ERR_TAG_VALUE_SYNTAX
    return None


def keys(tag: str) -> list[str]:
    """The keys of a tag in order, as far as it parses (repeated keys included)."""
    return [name for name, _ in _pairs(tag, strict=False) if name]
