"""Speed of `tagscan scan` on generated trees: (a) sparse, (b) dense.

Usage: .venv/bin/python bench/scan_bench.py [--runs 5] [--keep DIR]

(a) about 3,000 Go files / 30 MB in 100 packages, 1% of them holding models (the rest is
    ordinary Go code that never mentions a tag key or TableName); target: under 1.0 s.
(b) 1,000 model files as teams write them (a shared base struct and 4 documented models each,
    with indexes, a TTL, TableName, constructor and key helpers; ~53,000 fields); target: at
    least 5 MB/s.
Both trees are generated deterministically (fixed seed) into a temp dir. Each figure is the
median wall time of N cold `tagscan scan` processes (default table output; a fresh interpreter
per run, with its bytecode kept as an installed tool has it: see tool_env.py), with the default
`--jobs 0` (forked shards where the model files pay for them; the target is judged on it) and
serially with `--jobs 1`. CPU time counts the shards too; peak RSS is the largest resident set of
one process. One `--format json` run is timed too: that document carries every field of every
model, and writing it is reported separately.
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tool_env import installed_tool_env

SEED = 20260101
GO_MOD = "module example.com/bench\n\ngo 1.22\n\nrequire github.com/pay-theory/dynamorm v1.3.0\n"


def filler_file(rng: random.Random, package: str, number: int, size: int) -> str:
    """Ordinary Go: types with json tags, functions, comments; no ORM marker anywhere."""
    parts = [f"package {package}\n\nimport (\n\t\"fmt\"\n\t\"strings\"\n)\n"]
    index = 0
    while sum(map(len, parts)) < size:
        index += 1
        name = f"Thing{number}x{index}"
        fields = "".join(
            f"\tField{k} {rng.choice(['string', 'int64', '[]byte', 'map[string]int'])} `json:\"field_{k},omitempty\"`\n"
            for k in range(rng.randint(3, 8))
        )
        parts.append(f"\n// {name} is generated filler.\ntype {name} struct {{\n{fields}}}\n")
        parts.append(
            f"\nfunc (t *{name}) Describe(prefix string) string {{\n"
            f"\tvalues := []string{{prefix}}\n\tfor i := 0; i < {rng.randint(2, 9)}; i++ {{\n"
            f"\t\tvalues = append(values, fmt.Sprintf(\"%d-%s\", i, prefix))\n\t}}\n"
            f"\treturn strings.Join(values, \",\")\n}}\n"
        )
    return "".join(parts)


def model_file(rng: random.Random, package: str, number: int) -> str:
    """A model file as teams write them: a shared base, four documented models, their helpers."""
    parts = [f'package {package}\n\nimport (\n\t"fmt"\n\t"os"\n\t"time"\n)\n']
    parts.append(
        f"\n// Base{number} carries the keys and timestamps every model of this file shares.\n"
        f"type Base{number} struct {{\n\tPK string `dynamorm:\"pk,attr:PK\" json:\"pk\"`\n"
        f"\tSK string `dynamorm:\"sk,attr:SK\" json:\"sk\"`\n"
        f"\tCreatedAt time.Time `json:\"created_at\"`\n\tUpdatedAt time.Time `json:\"updated_at\"`\n}}\n"
    )
    for model in range(4):
        name = f"Model{number}x{model}"
        fields = "".join(
            f"\t// Attr{k} is generated attribute number {k}.\n"
            f"\tAttr{k} {rng.choice(['string', 'int64', 'bool', '[]string'])} `dynamorm:\"omitempty\" json:\"attr_{k},omitempty\"`\n"
            for k in range(rng.randint(4, 10))
        )
        parts.append(
            f"\n// {name} is a generated model stored in table {number % 20}.\n"
            f"// It is written and read through the ORM; its helpers build the keys.\n"
            f"type {name} struct {{\n\tBase{number}\n"
            f"\tTenantID string `dynamorm:\"index:gsi-tenant,pk\" json:\"tenant_id\"`\n"
            f"\tStatus string `dynamorm:\"index:gsi-status,pk\" json:\"status\"`\n"
            f"\tExpiresAt int64 `dynamorm:\"ttl\" json:\"expires_at\"`\n{fields}}}\n"
            f"\n// TableName reads the table name the deployment sets.\n"
            f"func (*{name}) TableName() string {{\n"
            f"\tif v := os.Getenv(\"TABLE_{number % 20}\"); v != \"\" {{\n\t\treturn v\n\t}}\n\treturn \"table-{number % 20}\"\n}}\n"
            f"\n// New{name} builds a {name} with its keys set.\n"
            f"func New{name}(tenant, id string, now time.Time) *{name} {{\n"
            f"\tm := &{name}{{TenantID: tenant}}\n\tm.SetKeys(tenant, id)\n"
            f"\tm.CreatedAt, m.UpdatedAt = now, now\n\tm.ExpiresAt = now.Add(24 * time.Hour).Unix()\n\treturn m\n}}\n"
            f"\n// SetKeys fills the composite keys of the single-table layout.\n"
            f"func (m *{name}) SetKeys(tenant, id string) {{\n"
            f"\tm.PK = fmt.Sprintf(\"TENANT#%s\", tenant)\n\tm.SK = fmt.Sprintf(\"{name.upper()}#%s\", id)\n}}\n"
        )
    return "".join(parts)


def sparse_tree(root: Path) -> None:
    rng = random.Random(SEED)
    (root / "go.mod").write_text(GO_MOD)
    for number in range(3000):
        package = f"pkg{number // 30}"
        directory = root / package
        directory.mkdir(exist_ok=True)
        content = model_file(rng, package, number) if number % 100 == 7 else filler_file(rng, package, number, 10_000)
        (directory / f"file{number}.go").write_text(content)


def dense_tree(root: Path) -> None:
    rng = random.Random(SEED + 1)
    (root / "go.mod").write_text(GO_MOD)
    for number in range(1000):
        package = f"models{number // 25}"
        directory = root / package
        directory.mkdir(exist_ok=True)
        (directory / f"models{number}.go").write_text(model_file(rng, package, number))


def tree_size(root: Path) -> tuple[int, float]:
    files = list(root.rglob("*.go"))
    return len(files), sum(f.stat().st_size for f in files) / 1_000_000


def measure(root: Path, runs: int, *extra: str) -> tuple[float, float, float]:
    """(median wall seconds, median CPU seconds, peak RSS MB) of `runs` cold scans.

    CPU time is printed too because wall time on a shared machine includes waiting for a core.
    """
    command = [sys.executable, "-m", "tagscan", "scan", str(root), *extra]
    env = installed_tool_env()
    subprocess.run(command, capture_output=True, check=False, env=env)  # untimed: bytecode and file caches
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        done = subprocess.run(command, capture_output=True, check=False, env=env)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        if done.returncode != 0:
            sys.exit(f"scan failed ({done.returncode}): {done.stderr.decode()[-2000:]}")
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return statistics.median(walls), statistics.median(cpus), peak_kb / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="generate the trees here and keep them")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        base = options.keep or Path(temp)
        ok = True
        for label, generate, check in (
            ("sparse", sparse_tree, lambda wall, mb: wall < 1.0),
            ("dense", dense_tree, lambda wall, mb: mb / wall >= 5.0),
        ):
            root = base / label
            root.mkdir(parents=True, exist_ok=True)
            generate(root)
            files, megabytes = tree_size(root)
            # The default (--jobs 0) forks where the model files pay for it; --jobs 1 is the serial scan.
            for jobs in ("0", "1"):
                wall, cpu, rss = measure(root, options.runs, "--jobs", jobs)
                met = check(wall, megabytes)
                if jobs == "0":
                    ok = ok and met
                print(f"{label} --jobs {jobs}: {files} files, {megabytes:.1f} MB, median of {options.runs} cold runs: "
                      f"{wall:.3f} s wall ({megabytes / wall:.1f} MB/s), {cpu:.3f} s CPU ({megabytes / cpu:.1f} MB/s); "
                      f"peak RSS {rss:.0f} MB; target {'met' if met else 'MISSED'} (judged on wall time)")
            json_wall, json_cpu, _ = measure(root, 1, "--format", "json")
            print(f"{label} --format json (1 run): {json_wall:.3f} s wall, {json_cpu:.3f} s CPU")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
