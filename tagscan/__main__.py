"""The `tagscan` command, and `python -m tagscan`."""

import sys


def main() -> None:
    # Ctrl-C before a command's own handler (handles_errors) runs, while the commands load or typer
    # sets them up, ends the same way as inside one: a line and exit 2, never a traceback.
    try:
        from tagscan.cli import app

        app()
    except KeyboardInterrupt:
        sys.stderr.write("tagscan: error: interrupted\n")
        sys.exit(2)


if __name__ == "__main__":
    main()
