"""Synth benchmark: `tagscan synth --force` on generated models (1, 10, 50 tables) beside the same
tables built by the seed's TypeScript constructs in Node, plus the cached second `tagscan synth`.

Reports the median wall time and CPU time (user + system) of N runs and the peak RSS (the process
and the children it waited for: the jsii Node runtime for Python, node itself for TypeScript). On a
shared machine CPU time is the steadier figure; runs of the two sides alternate, after one untimed
run of each. The TypeScript side is compiled once into .cache/bench-synth-ts (aws-cdk-lib and
constructs from npm, pinned like the seed); the Python side likewise keeps its bytecode, as an
installed tagscan does (see tool_env.py). Nothing is committed.

    .venv/bin/python bench/synth_bench.py [--runs 5] [--sizes 1,10,50]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tool_env import installed_tool_env

ROOT = Path(__file__).resolve().parent.parent
SEED_APP = Path(os.environ.get("TAGSCAN_SEED_APP", ROOT.parent / "shared" / "seed" / "reference-cdk-app"))
TS_CACHE = ROOT / ".cache" / "bench-synth-ts"
NPM_PREFIX = Path(os.environ.get("TAGSCAN_NPM_PREFIX", ROOT / ".cache" / "npm"))
TAGSCAN = Path(sys.executable).with_name("tagscan")
ENV = installed_tool_env()

GO_MODEL = """package models

import "os"

type Bench{i}Record struct {{
	ID        string `dynamorm:"pk"`
	Period    string `dynamorm:"sk,index:gsi-owner,sk"`
	Owner     string `dynamorm:"index:gsi-owner,pk"`
	Status    string `dynamorm:"index:gsi-status,pk"`
	Count     int64
	ExpiresAt int64 `dynamorm:"ttl"`
}}

func (r *Bench{i}Record) TableName() string {{
	return os.Getenv("BENCH{i}TABLE_TABLE_NAME")
}}
"""

# The same tables with the seed's DynamORMTable (and an output per table, as tagscan writes).
TS_APP = """import { App, CfnOutput, Stack } from 'aws-cdk-lib';
import { AttributeType } from 'aws-cdk-lib/aws-dynamodb';
import { DynamORMTable } from './seed';

const [count, out] = [Number(process.argv[2]), process.argv[3]];
const app = new App({ outdir: out, analyticsReporting: false });
const stack = new Stack(app, 'DynamORMModels');
const S = AttributeType.STRING;
for (let i = 0; i < count; i++) {
  const t = new DynamORMTable(stack, `Bench${i}Table`, {
    modelName: `Bench${i}`,
    partitionKey: { name: 'id', type: S },
    sortKey: { name: 'period', type: S },
    ttlAttribute: 'expiresAt',
    globalSecondaryIndexes: [
      { indexName: 'gsi-owner', partitionKey: { name: 'owner', type: S }, sortKey: { name: 'period', type: S } },
      { indexName: 'gsi-status', partitionKey: { name: 'status', type: S } },
    ],
  });
  new CfnOutput(stack, `Bench${i}TableName`, { value: t.table.tableName });
}
app.synth();
"""


Run = tuple[float, float, int]  # wall seconds, CPU seconds, peak RSS KiB


def measure(command: list[str], cwd: Path) -> Run:
    """One run, which must succeed."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed: {process.stderr.read().decode() if process.stderr else ''}")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def median_runs(commands: list[list[str]], cwd: Path, runs: int) -> list[Run]:
    """Median wall and CPU time and the largest peak RSS of each command; runs alternate between the
    commands so that a change of machine load hits them alike."""
    results: list[list[Run]] = [[] for _ in commands]
    for command in commands:
        measure(command, cwd)  # untimed: bytecode, file and package caches
    for _ in range(runs):
        for command, measured in zip(commands, results):
            measured.append(measure(command, cwd))
    return [
        (statistics.median(r[0] for r in measured), statistics.median(r[1] for r in measured), max(r[2] for r in measured))
        for measured in results
    ]


def write_models(directory: Path, count: int) -> Path:
    models = directory / f"models-{count}"
    models.mkdir()
    (models / "go.mod").write_text("module example.com/bench\n\ngo 1.22\n\nrequire github.com/pay-theory/dynamorm v1.3.0\n")
    for i in range(count):
        (models / f"bench{i}.go").write_text(GO_MODEL.format(i=i))
    return models


def build_ts_app() -> Path:
    """Compile the seed and the benchmark app once; returns dist/bench.js."""
    dist = TS_CACHE / "dist" / "bench.js"
    if dist.exists():
        return dist
    TS_CACHE.mkdir(parents=True, exist_ok=True)
    shutil.copy(SEED_APP / "seed.ts", TS_CACHE / "seed.ts")
    (TS_CACHE / "bench.ts").write_text(TS_APP)
    (TS_CACHE / "tsconfig.json").write_text(json.dumps({
        "compilerOptions": {"target": "ES2020", "module": "commonjs", "strict": True, "outDir": "dist",
                            "esModuleInterop": True, "skipLibCheck": True},
        "files": ["seed.ts", "bench.ts"],
    }))
    if not (TS_CACHE / "node_modules" / "aws-cdk-lib").exists():
        subprocess.run(
            ["npm", "install", "--silent", "--no-audit", "--no-fund", "--prefix", str(TS_CACHE),
             "aws-cdk-lib@2.275.0", "constructs@10.8.1", "@types/node@20"],
            check=True,
        )
    tsc = NPM_PREFIX / "node_modules" / ".bin" / "tsc"
    subprocess.run([str(tsc), "-p", str(TS_CACHE)], check=True)
    return dist


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", default="1,10,50")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    ts_app = build_ts_app()
    print(
        f"{'tables':>6}  {'tagscan synth --force: wall, CPU, RSS':>36}  {'seed TypeScript: wall, CPU, RSS':>36}"
        f"  {'ratio wall/CPU':>14}  {'cached synth wall/CPU':>21}"
    )
    with tempfile.TemporaryDirectory(prefix="synth-bench-") as scratch:
        work = Path(scratch)
        for count in sizes:
            models = write_models(work, count)
            py_out, ts_out = work / f"py-{count}.out", work / f"ts-{count}.out"
            synth = [str(TAGSCAN), "synth", str(models), "-o", str(py_out)]
            py, ts = median_runs([[*synth, "--force"], ["node", str(ts_app), str(count), str(ts_out)]], work, args.runs)
            ((cached_wall, cached_cpu, _),) = median_runs([synth], work, args.runs)
            print(
                f"{count:>6}  {_run(py):>36}  {_run(ts):>36}  {py[0] / ts[0]:>6.2f} / {py[1] / ts[1]:<5.2f}"
                f"  {cached_wall:>10.2f} s / {cached_cpu:.2f} s",
                flush=True,
            )


def _run(run: Run) -> str:
    return f"{run[0]:.2f} s, {run[1]:.2f} s, {run[2] / 1024:.0f} MiB"


if __name__ == "__main__":
    main()
