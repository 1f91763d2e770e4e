"""Settings shared by every test; area fixtures live in each tests/<area>/conftest.py."""

import os
import pathlib

# jsii prints an end-of-life banner for Node 20 on every CDK import; silence it at the source.
os.environ.setdefault("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20")
os.environ.setdefault("JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION", "1")

ROOT = pathlib.Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
