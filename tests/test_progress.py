"""Long scans show a progress bar on a terminal, and nothing in machine formats, in pipes or with --quiet."""

from __future__ import annotations

import os
import pty
import subprocess
import sys

import pytest

from tests.conftest import FIXTURES, ROOT

# The bar waits a second before it appears; the probe sets that delay to 0 so a small tree shows it.
PROBE = (
    "import sys, tagscan.cli.progress as progress\n"
    "progress.DELAY = float(sys.argv.pop(1))\n"
    "from tagscan.__main__ import main\n"
    "sys.argv = ['tagscan', *sys.argv[1:]]\n"
    "main()\n"
)


def run(args: list[str], *, terminal: bool, delay: float = 0, **env: str) -> str:
    """Run the CLI and return what it wrote to stderr (to the terminal, when there is one)."""
    environment = {**os.environ, **env}
    args = [str(delay), *args]
    if not terminal:
        done = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, env=environment, cwd=ROOT)
        return done.stderr.decode()
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-c", PROBE, *args], stdin=follower, stdout=subprocess.DEVNULL, stderr=follower,
        env=environment, cwd=ROOT,
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the terminal closed when the process ended
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=60)
    os.close(leader)
    return b"".join(chunks).decode(errors="replace")


MODELS = str(FIXTURES / "models")


@pytest.mark.parametrize("command", ["scan", "lint"])
def test_a_terminal_shows_the_bar_and_erases_it(command):
    shown = run([command, MODELS], terminal=True)
    assert "scanning [" in shown and "files" in shown
    assert shown.rstrip(" \r\n").endswith("\r\x1b[K")  # erased before the command finished
    assert "\x1b[32m" in shown  # coloured


def test_no_color_keeps_the_bar_plain():
    shown = run(["scan", MODELS], terminal=True, NO_COLOR="1")
    assert "scanning [##" in shown and "\x1b[32m" not in shown


@pytest.mark.parametrize(
    "args",
    [["scan", MODELS, "--quiet"], ["lint", MODELS, "-q"], ["scan", MODELS, "--format", "json"], ["lint", MODELS, "--format", "sarif"]],
)
def test_quiet_and_machine_formats_show_nothing(args):
    assert "scanning" not in run(args, terminal=True)


def test_a_pipe_shows_nothing():
    assert "scanning" not in run(["scan", MODELS], terminal=False)


def test_a_short_scan_shows_nothing():
    assert "scanning" not in run(["scan", MODELS], terminal=True, delay=1.0)
