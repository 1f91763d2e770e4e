"""A client for the Go reference program in `-serve` mode: one process answers many trees."""

from __future__ import annotations

import json
import pathlib
import subprocess
from typing import Any


class Goref:
    """The reference program running in `-serve` mode: one process for many directories."""

    def __init__(self, binary: pathlib.Path) -> None:
        self._process = subprocess.Popen(
            [str(binary), "-serve"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, encoding="utf-8"
        )

    def declarations(self, directory: pathlib.Path) -> list[dict[str, Any]]:
        assert self._process.stdin is not None and self._process.stdout is not None
        self._process.stdin.write(f"{directory}\n")
        self._process.stdin.flush()
        answer = json.loads(self._process.stdout.readline())
        if isinstance(answer, dict):
            raise RuntimeError(f"goref failed on {directory}: {answer['error']}")
        return answer

    def close(self) -> None:
        assert self._process.stdin is not None
        self._process.stdin.close()
        self._process.wait(timeout=30)
