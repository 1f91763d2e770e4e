"""The `tagscan` command, and `python -m tagscan`."""

import os
import sys


def main() -> None:
    """Run the command and exit with its code; a reader that went away (`tagscan scan | head`)
    gets what could be written, and no complaint at exit."""
    # A stream closed before the start (`tagscan lint ... >&-`) is None in Python: what would go
    # there goes nowhere, and the exit code still says what happened.
    if sys.stdout is None:
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - lives as long as the process
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115
    kept = False  # the command kept what it built: nothing is left to free
    try:
        # imported here, inside the handler: Ctrl-C while the commands load ends as it does in one
        from tagscan.cli import app, lifetime

        lifetime.end_after_command()
        app()
        code: object = 0
    except KeyboardInterrupt:
        # Ctrl-C before a command's own handler (handles_errors) runs, while the commands load or
        # typer sets them up, ends the same way as inside one: a line and exit 2, never a traceback.
        sys.stderr.write("tagscan: error: interrupted\n")
        code = 2
    except SystemExit as exit_:  # how typer ends every command
        code = exit_.code
        kept = lifetime.kept_anything()
    if isinstance(code, str):
        sys.stderr.write(code + "\n")
        code = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            # a closed pipe: what could be written was; the interpreter's own flush at exit
            # would fail again and say so, so the stream's descriptor goes to /dev/null
            try:
                os.dup2(os.open(os.devnull, os.O_WRONLY), stream.fileno())
            except (OSError, ValueError):
                pass
    code = code if isinstance(code, int) else 0
    if kept:
        os._exit(code)  # what the command kept is not freed one object at a time (cli/lifetime.py)
    sys.exit(code)


if __name__ == "__main__":
    main()
