"""A cold `tagscan lint` stays light: no CDK (acceptance 5) and no rich; timing is measured by bench/lint_bench.py."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import ROOT

PROBE = """
import json, sys
from tagscan.cli import app  # what tagscan.__main__ runs; it ends the process at once after
sys.argv = ["tagscan", "lint", "fixtures/models", "--format", "sarif"]
try:
    app()
except SystemExit as exit:
    code = exit.code
heavy = sorted({name.split(".")[0] for name in sys.modules} & {"aws_cdk", "jsii", "cdk_bridge", "rich", "constructs"})
print(json.dumps({"code": code, "heavy": heavy}), file=sys.stderr)
"""


def test_lint_never_loads_the_cdk_or_rich():
    done = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True, timeout=60, check=False)
    outcome = json.loads(done.stderr.strip().splitlines()[-1])
    assert outcome == {"code": 0, "heavy": []}
    assert json.loads(done.stdout)["version"] == "2.1.0"  # the command did run
