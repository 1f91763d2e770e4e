"""Linear time and bounded waits: what an input holds can make tagscan do more work, never
work that grows faster than the input, nor wait for ever."""

from __future__ import annotations

import json
import os
import pathlib
import subprocess
import sys
import time

MODEL = 'package app\n\ntype Order struct {\n\tCustomerID string `dynamorm:"pk"`\n}\n'


def tagscan(cwd: pathlib.Path, *args: str, timeout: float = 60) -> tuple[subprocess.CompletedProcess[str], float]:
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "tagscan", *args], cwd=cwd, capture_output=True, text=True, timeout=timeout,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert "Traceback" not in done.stderr, done.stderr
    return done, time.monotonic() - started


# --- go.mod (item 8) -------------------------------------------------------------------------------


def test_a_go_mod_with_100k_blank_lines_parses_in_well_under_a_second(tmp_path):
    from tagscan.scanner.files import parse_go_mod

    blank = "\n" * 100_000
    (tmp_path / "go.mod").write_text(
        f"{blank}module example.com/orders{blank}\ngo 1.22\n{blank}require (\n{blank}"
        f"\tgithub.com/pay-theory/dynamorm v1.0.30\n{blank})\n"
    )
    started = time.monotonic()
    gomod = parse_go_mod(tmp_path / "go.mod")
    assert time.monotonic() - started < 0.5
    assert (gomod.module, gomod.orm_module, gomod.orm_version) == ("example.com/orders", "github.com/pay-theory/dynamorm", "v1.0.30")
