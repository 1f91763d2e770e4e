"""Migration handler benchmark: items per second of ``DynamORMMigration``'s handler on a local dynalite.

Renames the four non-key attributes of an ORM upgrade (tests/migration/conftest.py) on N items:
unpaced on an on-demand table (how fast the handler goes when capacity does not limit it: one
conditional UpdateItem per item, one process), then paced at a share of a provisioned table's write
capacity (the figure is then the pace, whatever the machine). dynalite is one Node process on
loopback: a real table answers slower per call (network) but in parallel across partitions.

    .venv/bin/python bench/migration_bench.py [--items 10000] [--wcu 100] [--shares 0.25,0.5]
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import boto3  # noqa: E402

from cdk_bridge.migration_handler.handler import Migration  # noqa: E402
from tests.migration.conftest import UPGRADE, create_table, load  # noqa: E402

DYNALITE = Path(os.environ.get("TAGSCAN_NPM_PREFIX", ROOT / ".cache" / "npm")) / "node_modules" / ".bin" / "dynalite"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--wcu", type=int, default=100)
    parser.add_argument("--shares", default="0.25,0.5")
    args = parser.parse_args()
    os.environ.update(AWS_ACCESS_KEY_ID="bench", AWS_SECRET_ACCESS_KEY="bench")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([str(DYNALITE), "--host", "127.0.0.1", "--port", str(port), "--createTableMs", "0"], stdout=subprocess.DEVNULL)
    try:
        time.sleep(1.5)
        client = boto3.client("dynamodb", endpoint_url=f"http://127.0.0.1:{port}", region_name="us-east-1")
        table = create_table(client)
        load(client, table, args.items)
        _report("on-demand, unpaced", args.items, lambda: Migration(client, table, "bench", UPGRADE, on_demand_units_per_second=1e9).run())
        paced_items = args.wcu * 2  # about 8 s at a quarter of the capacity
        for share in (float(s) for s in args.shares.split(",")):
            table = create_table(client, provisioned=(args.wcu * 10, args.wcu))
            load(client, table, paced_items)
            _report(
                f"{args.wcu} WCU × {share} = {args.wcu * share:g} units/s",
                paced_items,
                lambda: Migration(client, table, "bench", UPGRADE, capacity_share=share).run(),
            )
    finally:
        server.terminate()
        server.wait()


def _report(label: str, items: int, run: object) -> None:
    started = time.monotonic()
    progress = run()  # type: ignore[operator]
    seconds = time.monotonic() - started
    print(f"{label:<34} {progress.items_updated:>6} items in {seconds:6.1f} s: {progress.items_updated / seconds:7.1f} items/s")


if __name__ == "__main__":
    main()
