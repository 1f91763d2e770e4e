"""Human output, like ruff: the position line, the source line with a caret, the hint, a summary."""

from __future__ import annotations

from tagscan.lint.rule import Finding
from tagscan.escaping import escape_controls
from tagscan.report import LineReader, Report, counts

TAB_WIDTH = 4  # Go source is tab-indented; carets must line up with the expanded line

_RESET = "\x1b[0m"
_BOLD = "\x1b[1m"
_DIM = "\x1b[2m"
_SEVERITY_COLOR = {"error": "\x1b[1;31m", "warning": "\x1b[1;33m", "info": "\x1b[1;36m"}


class _Paint:
    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    def __call__(self, text: str, code: str) -> str:
        return f"{code}{text}{_RESET}" if self.enabled else text


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def summary_line(report: Report) -> str:
    tally = counts(report.findings)
    suppressed = f"; {report.suppressed} suppressed" if report.suppressed else ""
    if not report.findings:
        return f"All checks passed{suppressed}."
    return (
        f"Found {_plural(tally['error'], 'error')}, {_plural(tally['warning'], 'warning')}, "
        f"{tally['info']} info{suppressed}."
    )


def _finding_block(finding: Finding, paint: _Paint, read_line: LineReader) -> list[str]:
    color = _SEVERITY_COLOR[finding.severity]
    head = (
        f"{paint(f'{escape_controls(finding.file)}:{finding.line}:{finding.column}:', _BOLD)} "
        f"{paint(finding.rule, color)} {escape_controls(finding.message)}"
    )
    label = f"{finding.severity}: {finding.name}"
    source = read_line(finding.file, finding.line)
    lines = [head]
    if source is None:
        lines.append(f"  = {paint(label, color)}")
    else:
        gutter = " " * len(str(finding.line))
        expanded = escape_controls(source.rstrip("\r\n").expandtabs(TAB_WIDTH))
        caret_at = len(escape_controls(source[: max(finding.column - 1, 0)].expandtabs(TAB_WIDTH)))
        lines += [
            paint(f"{gutter} |", _DIM),
            f"{paint(f'{finding.line} |', _DIM)} {expanded}",
            f"{paint(f'{gutter} |', _DIM)} {' ' * caret_at}{paint('^ ' + label, color)}",
        ]
    if finding.hint:
        lines.append(f"  = hint: {escape_controls(finding.hint)}")
    return lines


def render(report: Report, *, color: bool, read_line: LineReader) -> str:
    paint = _Paint(color)
    blocks = ["\n".join(_finding_block(f, paint, read_line)) for f in report.findings]
    return "".join(block + "\n\n" for block in blocks) + paint(summary_line(report), _BOLD) + "\n"
