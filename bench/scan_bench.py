"""Speed of `tagscan scan` beside Go's own parser, on generated trees (see trees.py).

Usage: .venv/bin/python bench/scan_bench.py [--runs 5] [--trees real,real-one-module,dense,sparse] [--keep DIR]
                                           [--compare-with DIR]

For each tree, in the same run and alternating (one round runs every command once, each round
starting one command later), N cold processes of:
- `go`: the Go reference program of tests/goref (go/parser over every file of the tree, its
  declarations written as JSON), built offline into .cache/goref;
- `tagscan scan` with table and json output, each with `--jobs 0` (the default) and `--jobs 1`.
tagscan runs as an installed tool, with its bytecode kept (tool_env.py). Printed per command: the
median wall time and MB/s, the median CPU time (the forked shards' included), the largest peak RSS of
a run (the largest resident set of one process of it), and the ratio of its median wall time to Go's.
Then, for the json output: the share of the json command's median wall time that its rendering takes
(measured in one process, on the IR scanned there). With `--compare-with DIR` (a directory holding
another version's `tagscan` package, e.g. from `git archive REV tagscan | tar -x -C DIR`), that
version's table and json scans (`--jobs 0`) run in the same rounds, as `before ...`, and each is
compared with this version's in the same round: the median of the rounds' wall-time ratios (and the
middle half of them), which a load that changes between rounds moves less than a ratio of medians.
Targets (judged on the default `--jobs 0`):
real trees table >= 6 MB/s, json >= 5 MB/s, json peak RSS < 200 MB, rendering <= 15% of the json
command; sparse at most Go's time (ratio <= 1.0).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import trees
from tool_env import ROOT, installed_tool_env

sys.path.insert(0, str(ROOT))
from tests.goref.goref_process import build_goref  # noqa: E402

TREES: dict[str, Callable[[Path], None]] = {
    "real": lambda root: trees.real_tree(root, one_module=False),
    "real-one-module": lambda root: trees.real_tree(root, one_module=True),
    "dense": trees.dense_tree,
    "sparse": trees.sparse_tree,
}
# Rendering of the json output, timed in one process on the IR it scanned (seconds on stdout), with
# the cyclic collector off as the scan command runs (tagscan.cli.app.scan_objects_kept).
RENDER_TIMER = """
import gc, sys, time
from tagscan.export.scan_json import render_scan_json
from tagscan.scanner import scan
gc.disable()
result = scan([sys.argv[1]], jobs=0)
start = time.perf_counter()
render_scan_json(result, full=False)
print(time.perf_counter() - start)
"""


@dataclass
class Runs:
    walls: list[float] = field(default_factory=list)
    cpus: list[float] = field(default_factory=list)
    peak_mb: float = 0.0


def run_once(command: list[str], env: dict[str, str], cwd: Path, runs: Runs | None) -> None:
    """One cold process, its output thrown away; its wall and CPU time and peak RSS added to `runs`."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=errors, env=env, cwd=cwd)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            errors.seek(0)
            sys.exit(f"{' '.join(command)} exited {process.returncode}: {errors.read().decode()[-2000:]}")
    if runs is not None:
        runs.walls.append(wall)
        runs.cpus.append(usage.ru_utime + usage.ru_stime)
        runs.peak_mb = max(runs.peak_mb, usage.ru_maxrss / 1024)


def goref_binary() -> Path | None:
    go = shutil.which("go")
    if go is None:
        print("go is not on PATH: no Go reference times (run tests/setup/install-test-deps.sh)")
        return None
    cache = ROOT / ".cache" / "goref"
    build = build_goref(go, cache)
    if build.returncode != 0:
        sys.exit(f"go build of tests/goref failed:\n{build.stderr}")
    return cache / "goref"


def bench_tree(label: str, root: Path, runs: int, goref: Path | None, before: Path | None) -> bool:
    files, megabytes = trees.tree_size(root)
    env = installed_tool_env()
    commands: dict[str, tuple[list[str], dict[str, str]]] = {}
    if goref is not None:
        commands["go"] = ([str(goref), str(root)], env)
    for output in ("table", "json"):
        for jobs in ("0", "1"):
            command = [sys.executable, "-m", "tagscan", "scan", str(root), "--format", output, "--jobs", jobs]
            commands[f"{output} --jobs {jobs}"] = (command, env)
            if before is not None and jobs == "0":
                commands[f"before {output} -j0"] = (command, {**env, "PYTHONPATH": str(before)})
    names = list(commands)
    cwd = root.parent  # not this checkout: `python -m` imports a `tagscan` of the current directory first
    for name in names:  # untimed: bytecode, file caches
        run_once(*commands[name], cwd, None)
    measured = {name: Runs() for name in names}
    for round_number in range(runs):
        shift = round_number % len(names)
        for name in names[shift:] + names[:shift]:
            run_once(*commands[name], cwd, measured[name])
    render = statistics.median(
        float(subprocess.run([sys.executable, "-c", RENDER_TIMER, str(root)], env=env, cwd=cwd, check=True, capture_output=True, text=True).stdout)
        for _ in range(runs)
    )

    print(f"\n{label}: {files} files, {megabytes:.2f} MB; median of {runs} cold runs each, alternating; load {os.getloadavg()[0]:.1f}")
    go_wall = statistics.median(measured["go"].walls) if "go" in measured else None
    for name in names:
        wall, cpu = statistics.median(measured[name].walls), statistics.median(measured[name].cpus)
        ratio = f"{wall / go_wall:5.2f}" if go_wall else "  -  "
        print(f"  {name:15} {wall:6.3f} s wall {megabytes / wall:6.1f} MB/s | {cpu:6.3f} s CPU {megabytes / cpu:6.1f} MB/s | "
              f"peak RSS {measured[name].peak_mb:5.0f} MB | /go {ratio}")
    for output in ("table", "json") if before is not None else ():
        ratios = [now / then for now, then in zip(measured[f"{output} --jobs 0"].walls, measured[f"before {output} -j0"].walls)]
        low, _, high = statistics.quantiles(ratios, n=4, method="inclusive") if len(ratios) > 1 else (ratios[0],) * 3
        print(f"  {output} --jobs 0 / before, round by round: {statistics.median(ratios):.3f} (middle half {low:.3f}-{high:.3f})")
    json_wall = statistics.median(measured["json --jobs 0"].walls)
    print(f"  json rendering  {render:6.3f} s = {100 * render / json_wall:.0f}% of the json command's wall time")

    def mb_per_s(name: str) -> float:
        return megabytes / statistics.median(measured[name].walls)

    if label.startswith("real"):
        checks = {
            "table >= 6 MB/s": mb_per_s("table --jobs 0") >= 6,
            "json >= 5 MB/s": mb_per_s("json --jobs 0") >= 5,
            "json peak RSS < 200 MB": measured["json --jobs 0"].peak_mb < 200,
            "rendering <= 15%": render <= 0.15 * json_wall,
        }
    elif label == "sparse" and go_wall:
        checks = {"table <= go": statistics.median(measured["table --jobs 0"].walls) <= go_wall}
    else:
        checks = {}
    for check, met in checks.items():
        print(f"  target {check}: {'met' if met else 'MISSED'}")
    return all(checks.values())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--trees", default=",".join(TREES), help=f"comma-separated, of {', '.join(TREES)}")
    parser.add_argument("--keep", type=Path, help="generate the trees here and keep them")
    parser.add_argument("--compare-with", type=Path, help="a directory holding another version's tagscan package")
    options = parser.parse_args()
    goref = goref_binary()
    with tempfile.TemporaryDirectory() as temp:
        base = options.keep or Path(temp)
        ok = True
        for label in options.trees.split(","):
            root = base / label
            if root.exists():
                shutil.rmtree(root)
            root.mkdir(parents=True)
            TREES[label](root)
            ok = bench_tree(label, root, options.runs, goref, options.compare_with) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
