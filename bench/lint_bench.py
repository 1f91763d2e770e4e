"""Cold-start time of `tagscan lint fixtures/models`: median of N fresh interpreter runs.

Usage: .venv/bin/python bench/lint_bench.py [--runs 5] [--budget 0.3] [PATH ...]

"Cold" means a new process each run (byte code already compiled, as after `pip install`; see tool_env.py).
Prints wall-clock and CPU times per run, the median, and the interpreter's own start-up
time for comparison; exits 1 when the median is over the budget.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from tool_env import installed_tool_env

ROOT = Path(__file__).resolve().parent.parent


def timed(command: list[str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the child) for one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, capture_output=True, check=False, env=installed_tool_env())
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        sys.exit(f"{' '.join(command)} exited {done.returncode}:\n{done.stderr.decode()}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--budget", type=float, default=0.3, help="seconds, for the median wall time")
    parser.add_argument("paths", nargs="*", default=["fixtures/models"])
    options = parser.parse_args()

    lint = [sys.executable, "-m", "tagscan", "lint", *options.paths]
    subprocess.run(lint, cwd=ROOT, capture_output=True, check=False, env=installed_tool_env())  # compile byte code once
    baseline = statistics.median(timed([sys.executable, "-c", "pass"])[0] for _ in range(options.runs))
    runs = [timed(lint) for _ in range(options.runs)]
    for number, (wall, cpu) in enumerate(runs, 1):
        print(f"run {number}: {wall:.3f} s wall, {cpu:.3f} s CPU")
    median = statistics.median(wall for wall, _ in runs)
    print(f"median {median:.3f} s wall, {statistics.median(cpu for _, cpu in runs):.3f} s CPU "
          f"(python start-up alone: {baseline:.3f} s; budget {options.budget:.3f} s)")
    return 0 if median <= options.budget else 1


if __name__ == "__main__":
    sys.exit(main())
