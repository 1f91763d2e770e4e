"""The environment the benchmarks run tagscan in: as an installed tool, with its bytecode kept.

Under PYTHONDONTWRITEBYTECODE (set on some machines, this one included) every cold run would compile
tagscan's sources again, about 0.1 s that `pip install` spares a user; the bytecode goes to
.cache/bench-pyc instead of the source tree.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def installed_tool_env() -> dict[str, str]:
    return {
        **{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
        "PYTHONPYCACHEPREFIX": str(ROOT / ".cache" / "bench-pyc"),
        "JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION": "20",
        "JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION": "1",
    }
