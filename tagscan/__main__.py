"""The `tagscan` command, and `python -m tagscan`."""

import os
import sys

from tagscan import lifetime


def main() -> None:
    """Run the command, then end the process at once with its exit code: once the output is
    flushed nothing is left to do, and freeing what a large scan built would only take time."""
    lifetime.end_after_command()
    # A stream closed before the start (`tagscan lint ... >&-`) is None in Python: what would go
    # there goes nowhere, and the exit code still says what happened.
    if sys.stdout is None:
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - lives as long as the process
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115
    try:
        from tagscan.cli import app

        app()
        code: object = 0
    except KeyboardInterrupt:
        # Ctrl-C before a command's own handler (handles_errors) runs, while the commands load or
        # typer sets them up, ends the same way as inside one: a line and exit 2, never a traceback.
        sys.stderr.write("tagscan: error: interrupted\n")
        code = 2
    except SystemExit as exit_:  # how typer ends every command
        code = exit_.code
    if isinstance(code, str):
        sys.stderr.write(code + "\n")
        code = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass  # a closed pipe (`tagscan scan | head`): what could be written was
    os._exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":
    main()
