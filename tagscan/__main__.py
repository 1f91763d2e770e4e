"""The `tagscan` command, and `python -m tagscan`."""

import os
import sys

from tagscan import lifetime


def main() -> None:
    """Run the command, then end the process at once with its exit code: once the output is
    flushed nothing is left to do, and freeing what a large scan built would only take time."""
    lifetime.end_after_command()
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
