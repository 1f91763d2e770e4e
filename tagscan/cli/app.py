"""The Typer application and the one place that turns errors into exit codes.

Exit codes: 0 clean, 1 findings, 2 usage, input, configuration or internal error.
"""

import contextlib
import functools
import gc
import os
import sys
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import typer

from tagscan.errors import TagscanError

if TYPE_CHECKING:
    from tagscan.config import Config

app = typer.Typer(
    name="tagscan",
    help="Read Go DynamORM/TableTheory models, lint them, and synthesize their CDK tables.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

EXIT_CLEAN = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2

F = TypeVar("F", bound=Callable[..., Any])


def fail(message: str) -> typer.Exit:
    """Print a one-line error to stderr and return the exit to raise."""
    from tagscan.escaping import escape_controls

    typer.echo(f"tagscan: error: {escape_controls(message)}", err=True)
    return typer.Exit(EXIT_ERROR)


def handles_errors(command: F) -> F:
    """Wrap a command so user mistakes exit 2 with a message, never a traceback."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except (typer.Exit, typer.Abort):
            raise
        except TagscanError as exc:
            raise fail(str(exc)) from None
        except KeyboardInterrupt:
            raise fail("interrupted") from None
        except BrokenPipeError:
            # The reader went away (e.g. `| head`): not an error of ours to report.
            sys.stderr.close()
            raise typer.Exit(EXIT_CLEAN) from None
        except OSError as exc:
            # The environment refused (no space, a name too long, permission denied): say what and where.
            where = f"{_shown(exc.filename)}: " if exc.filename else ""
            raise fail(f"{where}{exc.strerror or exc}") from None
        except Exception as exc:  # noqa: BLE001 - last line of defence for the user
            if os.environ.get("TAGSCAN_DEBUG"):
                traceback.print_exc()
            raise fail(
                f"internal error: {type(exc).__name__}: {exc} (set TAGSCAN_DEBUG=1 for a traceback)"
            ) from None

    return wrapper  # type: ignore[return-value]


def _shown(filename: object) -> str:
    """A file name from an OSError as the user knows it: relative to the working directory when below it."""
    name = os.fsdecode(filename) if isinstance(filename, (str, bytes)) else str(filename)
    relative = os.path.relpath(name) if os.path.isabs(name) else name
    return name if relative.startswith("..") else relative


@contextlib.contextmanager
def scan_objects_kept() -> Iterator[None]:
    """For commands that scan: the cyclic collector is off while they run, and what they built is
    frozen at the end, so that no collection walks it (a scan builds many small objects and no
    reference cycles: the collector's passes over them cost more than the work itself)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if collecting:
            gc.enable()


def configured_groups(paths: list[Path], config: Path | None) -> list[tuple["Config", list[Path]]]:
    """The paths grouped by the configuration each is read under: ``--config`` for all, else each
    path's nearest file (in the order the paths came)."""
    from tagscan.config import load_config, read_config

    if config is not None:
        return [(read_config(config), list(paths))]
    groups: dict[Path | None, tuple[Config, list[Path]]] = {}
    for path in paths:
        settings = load_config(path)
        groups.setdefault(settings.source, (settings, []))[1].append(path)
    return list(groups.values())


def configuration_line(settings: "Config", paths: list[Path]) -> str:
    """What ``--verbose`` says about the configuration of some paths."""
    used = str(settings.source) if settings.source else "none (the defaults)"
    return f"tagscan: configuration for {', '.join(map(str, paths))}: {used}"
