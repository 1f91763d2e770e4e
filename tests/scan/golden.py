"""Golden files of the scanner: fixtures/go/<case>/expected.json is `tagscan scan <case> --format json --full`
without the machine-specific `root`.

Regenerate after a deliberate change with `python -m tests.scan.golden` (from the repo root), then
review the diff line by line against docs/reference before committing: a golden file is only as
good as that check.
"""

from __future__ import annotations

import json
import pathlib
from typing import Any

from tagscan import scan

CASES_DIR = pathlib.Path(__file__).resolve().parent.parent.parent / "fixtures" / "go"


def cases() -> list[pathlib.Path]:
    return sorted(p for p in CASES_DIR.iterdir() if p.is_dir() and p.name[:2].isdigit())


def scanned(case: pathlib.Path) -> dict[str, Any]:
    data = scan([case]).to_dict()
    del data["root"]
    return data


def render(data: dict[str, Any]) -> str:
    return json.dumps(data, sort_keys=True, indent=2) + "\n"


if __name__ == "__main__":
    for case in cases():
        (case / "expected.json").write_text(render(scanned(case)))
        print(f"wrote {case / 'expected.json'}")
