"""The migration handler against a real dynalite: an ORM upgrade's renames on 10,000 items.

One table goes through what a deploy meets: the handler's first Lambda invocation dies (SIGKILL) a few
pages in while the upgraded service already writes under the new names; the next invocation resumes
from the marker and finishes. Then every item must be renamed, none lost, the writer's values kept, and
a second run must change nothing.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from typing import Any

import pytest

from cdk_bridge.migration_handler.handler import Migration, MigrationError, is_complete, on_event
from tests.conftest import ROOT
from tests.migration.conftest import REGION, UPGRADE, create_table, load, order, scan_all

pytestmark = pytest.mark.slow

ITEMS = 10_000
PAGE = 500
KILLED_AFTER_PAGES = 3
UNLIMITED = 1e9  # units per second: dynalite has no capacity to spare

_KILLABLE_RUN = """
import sys, boto3
from cdk_bridge.migration_handler.handler import Migration
endpoint, table, renames = sys.argv[1], sys.argv[2], dict(a.split("=") for a in sys.argv[3:])
client = boto3.client("dynamodb", endpoint_url=endpoint, region_name="us-east-1")
Migration(client, table, "orm-1.0.31", renames, remove_old=True, on_demand_units_per_second=1e9, page_size=500).run()
"""


@dataclass
class Upgrade:
    table: str
    before: dict[str, dict[str, Any]]  # SK → item as 1.0.30 wrote it
    after: dict[str, dict[str, Any]]
    written: dict[str, str]  # SK → the customerID the upgraded service wrote last
    pages_at_kill: int
    finished: Any  # the resumed run's Progress
    seconds: float


def _sk(item: dict[str, Any]) -> str:
    return str(item["SK"]["S"])


def _migration(dynamodb: Any, table: str, migration_id: str = "orm-1.0.31", **kwargs: Any) -> Migration:
    kwargs.setdefault("remove_old", True)
    return Migration(dynamodb, table, migration_id, UPGRADE, on_demand_units_per_second=UNLIMITED, page_size=PAGE, **kwargs)


def _write_ahead(dynamodb: Any, table: str, written: dict[str, str], stop: threading.Event) -> None:
    """The upgraded service: sets customerID (the new name) on orders all over the table, ahead of the
    scan and behind it, leaving the old attribute there, as DynamORM 1.0.31 does."""
    n = 0
    while not stop.is_set():
        number = (n * 7919) % ITEMS
        item = order(number)
        value = f"cus_rewritten_{n}"
        dynamodb.update_item(
            TableName=table,
            Key={"PK": item["PK"], "SK": item["SK"]},
            UpdateExpression="SET customerID = :v",
            ExpressionAttributeValues={":v": {"S": value}},
        )
        written[_sk(item)] = value
        n += 1
        time.sleep(0.02)


def _pages_saved(dynamodb: Any, table: str) -> int:
    progress = _migration(dynamodb, table).progress()
    return progress.pages if progress else 0


@pytest.fixture(scope="module")
def upgrade(dynamodb: Any, dynalite_endpoint: str) -> Upgrade:
    table = create_table(dynamodb)
    load(dynamodb, table, ITEMS)
    before = {_sk(i): i for i in scan_all(dynamodb, table)}
    written: dict[str, str] = {}
    stop = threading.Event()
    writer = threading.Thread(target=_write_ahead, args=(dynamodb, table, written, stop))
    writer.start()
    try:
        started = time.monotonic()
        renames = [f"{old}={new}" for old, new in UPGRADE.items()]
        first = subprocess.Popen(
            [sys.executable, "-c", _KILLABLE_RUN, dynalite_endpoint, table, *renames],
            cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        while _pages_saved(dynamodb, table) < KILLED_AFTER_PAGES and first.poll() is None:
            time.sleep(0.05)
        first.send_signal(signal.SIGKILL)  # the Lambda's time ran out mid-page
        first.wait()
        pages_at_kill = _pages_saved(dynamodb, table)
        finished = _migration(dynamodb, table).run()
        seconds = time.monotonic() - started
    finally:
        stop.set()
        writer.join()
    after = {_sk(i): i for i in scan_all(dynamodb, table) if "SK" in i and i["SK"]["S"].startswith("ORDER#")}
    return Upgrade(table, before, after, written, pages_at_kill, finished, seconds)


def test_the_killed_run_saved_a_few_pages_and_the_next_one_finished(upgrade: Upgrade) -> None:
    assert KILLED_AFTER_PAGES <= upgrade.pages_at_kill < ITEMS // PAGE
    assert upgrade.finished.state == "done"
    # Every page is counted once, whichever run read it (a page cut short is read again, not counted twice).
    assert upgrade.finished.items_scanned == ITEMS
    assert upgrade.finished.pages in (ITEMS // PAGE, ITEMS // PAGE + 1)  # + 1: the marker pushed one item over


def test_every_item_is_renamed_and_none_is_lost(upgrade: Upgrade) -> None:
    assert sorted(upgrade.after) == sorted(upgrade.before)
    for sk, old in upgrade.before.items():
        new = upgrade.after[sk]
        assert not set(UPGRADE) & set(new), sk  # remove_old: the old names are gone
        expected = {UPGRADE.get(name, name): value for name, value in old.items()}
        if sk in upgrade.written:
            expected["customerID"] = {"S": upgrade.written[sk]}
        assert new == expected, sk


def test_the_upgraded_services_writes_survive(upgrade: Upgrade) -> None:
    # The writer ran ahead of the scan: a copy that ignored an existing new attribute would clobber these.
    assert len(upgrade.written) > 50
    clobbered = {sk: upgrade.after[sk]["customerID"]["S"] for sk, v in upgrade.written.items() if upgrade.after[sk]["customerID"]["S"] != v}
    assert clobbered == {}


def test_a_second_run_changes_nothing(upgrade: Upgrade, dynamodb: Any) -> None:
    again = _migration(dynamodb, upgrade.table).run()  # the same migration id: done already
    assert (again.items_scanned, again.items_updated) == (upgrade.finished.items_scanned, upgrade.finished.items_updated)
    fresh = _migration(dynamodb, upgrade.table, migration_id="orm-1.0.31-again").run()  # scans everything again
    assert fresh.items_scanned == ITEMS
    assert fresh.items_updated == 0
    items = {_sk(i): i for i in scan_all(dynamodb, upgrade.table) if i["SK"]["S"].startswith("ORDER#")}
    assert items == upgrade.after
    print(f"\n{ITEMS} items migrated in {upgrade.seconds:.1f} s ({ITEMS / upgrade.seconds:.0f} items/s, with a kill and a resume)")


def test_a_changed_migration_under_the_same_id_is_refused(upgrade: Upgrade, dynamodb: Any) -> None:
    changed = Migration(dynamodb, upgrade.table, "orm-1.0.31", {"CreatedAt": "createdAt"})
    with pytest.raises(MigrationError, match="already ran .* with other renames.*new migration_id"):
        changed.run()


def test_old_attributes_are_kept_without_remove_old(dynamodb: Any) -> None:
    table = create_table(dynamodb)
    load(dynamodb, table, 300)
    progress = _migration(dynamodb, table, remove_old=False).run()
    assert progress.items_updated == 300
    for item in scan_all(dynamodb, table):
        if item["SK"]["S"].startswith("ORDER#"):
            assert all(item[new] == item[old] for old, new in UPGRADE.items())


@pytest.mark.parametrize("key_type", ["N", "B"])
def test_the_marker_item_fits_numeric_and_binary_keys(dynamodb: Any, key_type: str) -> None:
    table = create_table(dynamodb, key_type=key_type)
    load(dynamodb, table, 120, key_type)
    migration = Migration(dynamodb, table, "orm-1.0.31", UPGRADE, on_demand_units_per_second=UNLIMITED, page_size=50)
    progress = migration.run()
    assert (progress.state, progress.items_updated, progress.pages) == ("done", 120, 3)
    assert len(scan_all(dynamodb, table)) == 121
    assert migration.progress() == progress


def test_a_key_attribute_cannot_be_renamed(dynamodb: Any) -> None:
    table = create_table(dynamodb)
    with pytest.raises(MigrationError, match=r"PK: a key attribute of table .* cannot be renamed in place"):
        Migration(dynamodb, table, "keys", {"PK": "pk", "Total": "total"})


def test_writes_are_paced_to_the_share_of_provisioned_capacity(dynamodb: Any) -> None:
    table = create_table(dynamodb, provisioned=(1000, 40))
    load(dynamodb, table, 60)
    started = time.monotonic()
    progress = Migration(dynamodb, table, "paced", UPGRADE, capacity_share=0.5).run()
    seconds = time.monotonic() - started
    # 40 WCU × 0.5 = 20 writes of one unit per second: 60 items take about 3 s.
    assert progress.items_updated == 60
    assert 2.8 <= seconds < 10, seconds  # the upper bound only catches a pace far below the share


def test_the_provider_handlers_run_a_create_and_ignore_a_delete(dynamodb: Any, dynalite_endpoint: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_ENDPOINT_URL_DYNAMODB", dynalite_endpoint)
    monkeypatch.setenv("AWS_DEFAULT_REGION", REGION)
    table = create_table(dynamodb)
    load(dynamodb, table, 200)
    properties = {"TableName": table, "MigrationId": "m1", "Renames": UPGRADE, "RemoveOld": "true", "OnDemandUnitsPerSecond": "1000000", "PageSize": "80"}

    @dataclass
    class Lambda:  # the context object: only the remaining time is read
        remaining_ms: int

        def get_remaining_time_in_millis(self) -> int:
            return self.remaining_ms

    create = {"RequestType": "Create", "ResourceProperties": properties}
    assert on_event(create, Lambda(900_000)) == {"PhysicalResourceId": "m1"}
    # An invocation whose time is nearly up stops at once and says so; the next one finishes.
    assert is_complete({**create, "PhysicalResourceId": "m1"}, Lambda(10_000))["IsComplete"] is False
    done = is_complete({**create, "PhysicalResourceId": "m1"}, Lambda(900_000))
    assert done == {"IsComplete": True, "Data": {"ItemsScanned": 200, "ItemsUpdated": 200}}
    before = scan_all(dynamodb, table)
    delete = {"RequestType": "Delete", "PhysicalResourceId": "m1", "ResourceProperties": properties}
    assert on_event(delete, Lambda(900_000)) == {"PhysicalResourceId": "m1"}
    assert is_complete(delete, Lambda(900_000)) == {"IsComplete": True}
    assert scan_all(dynamodb, table) == before
    with pytest.raises(MigrationError, match="key attribute"):
        on_event({**create, "ResourceProperties": {**properties, "Renames": {"SK": "sk"}}}, Lambda(900_000))
