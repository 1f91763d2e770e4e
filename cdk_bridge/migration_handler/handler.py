"""The Lambda handler of ``DynamORMMigration``: copy attributes to their new names on every item of a table.

The CDK Provider framework calls ``on_event`` once per CloudFormation request, then ``is_complete``
until it answers ``IsComplete: true`` (or the provider's total timeout passes). ``is_complete`` does the
work: it scans the table a page at a time and rewrites each item with one conditional ``UpdateItem``:

- a new attribute is set only while it is absent and the old one still holds the value that was read
  (``attribute_not_exists(new) AND old = :read``), so a concurrent writer's value is never overwritten:
  when the condition fails the item is read again (strongly consistent) and reconsidered;
- with ``remove_old`` the old attribute is removed in the same update as the copy, or alone when the
  new attribute already exists; never before the value is under the new name;
- ``attribute_exists(<partition key>)`` keeps an update from recreating an item deleted meanwhile.

Progress lives in a marker item of the table itself (the IAM policy covers that one table and nothing
else): partition key ``tagscan-migration#<migration id>`` (its bytes for a binary key; a fixed negative
37-digit number derived from the id for a numeric one), sort key ``progress`` (``0`` when numeric).
It holds the state (``running``/``done``), the scan cursor after the last finished page, and counters.
A restarted run continues from the cursor (items of an unfinished page are read again; their updates are
no-ops); a finished migration id is never run again. Reads and writes are paced to a share of the
table's provisioned capacity, or to a fixed number of units per second for an on-demand table.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

MARKER_PREFIX = "tagscan-migration#"
MARKER_SORT_KEY = {"S": "progress", "B": b"progress", "N": "0"}
# Stop this long before the Lambda's own timeout: the page in hand is given up, its cursor not saved.
STOP_MARGIN_MS = 90_000
# Pages are sized so that their writes take about this long at the paced rate.
PAGE_SECONDS = 30
CONDITION_RETRIES = 10

Item = dict[str, Any]  # DynamoDB JSON: attribute → {"S": ...}


class MigrationError(Exception):
    """A migration that must not run (or cannot go on); the message says why."""


@dataclass
class Pace:
    """Spends capacity units at no more than ``units_per_second`` on average (sleeping when ahead)."""

    units_per_second: float
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic
    _start: float | None = None
    _spent: float = 0.0

    def spend(self, units: float) -> None:
        if self._start is None:
            self._start = self.clock()
        self._spent += units
        ahead = self._spent / self.units_per_second - (self.clock() - self._start)
        if ahead > 0:
            self.sleep(ahead)


@dataclass
class Progress:
    state: str = "running"
    cursor: Item | None = None
    items_scanned: int = 0
    items_updated: int = 0
    pages: int = 0


@dataclass
class Migration:
    """One migration of one table. ``renames`` maps old attribute names to new ones."""

    client: Any
    table_name: str
    migration_id: str
    renames: Mapping[str, str]
    remove_old: bool = False
    capacity_share: float = 0.25
    on_demand_units_per_second: float = 100.0
    page_size: int = 1000
    _keys: dict[str, str] = field(default_factory=dict, init=False)  # key attribute → S/N/B
    _partition_key: str = field(default="", init=False)
    _read: Pace | None = field(default=None, init=False)
    _write: Pace | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        check_renames(self.renames)
        if not 0 < self.capacity_share <= 1:
            raise MigrationError(f"capacity share {self.capacity_share} must be above 0 and at most 1")
        table = self.client.describe_table(TableName=self.table_name)["Table"]
        types = {d["AttributeName"]: d["AttributeType"] for d in table["AttributeDefinitions"]}
        for element in table["KeySchema"]:
            self._keys[element["AttributeName"]] = types[element["AttributeName"]]
            if element["KeyType"] == "HASH":
                self._partition_key = element["AttributeName"]
        keys = sorted(set(self.renames) & set(self._keys) | set(self.renames.values()) & set(self._keys))
        if keys:
            raise MigrationError(
                f"{', '.join(keys)}: a key attribute of table {self.table_name} cannot be renamed in place (an item's "
                "key cannot change; the table must be replaced with the new key schema and its items copied)"
            )
        read_units, write_units = self._units_per_second(table)
        self._read, self._write = Pace(read_units), Pace(write_units)
        # A page's writes take about PAGE_SECONDS at the paced rate, so every invocation saves progress.
        self.page_size = max(1, min(self.page_size, int(write_units * PAGE_SECONDS)))

    def _units_per_second(self, table: Mapping[str, Any]) -> tuple[float, float]:
        throughput = table.get("ProvisionedThroughput") or {}
        on_demand = (table.get("BillingModeSummary") or {}).get("BillingMode") == "PAY_PER_REQUEST"
        if on_demand or not throughput.get("WriteCapacityUnits"):
            return self.on_demand_units_per_second, self.on_demand_units_per_second
        share = self.capacity_share
        return throughput["ReadCapacityUnits"] * share, throughput["WriteCapacityUnits"] * share

    # -- the marker item ---------------------------------------------------------------------

    @property
    def marker_key(self) -> Item:
        key = {}
        for name, type_ in self._keys.items():
            if name != self._partition_key:
                key[name] = {type_: MARKER_SORT_KEY[type_]}
            elif type_ == "N":
                digest = int(hashlib.sha256(self.migration_id.encode()).hexdigest(), 16)
                key[name] = {"N": f"-9{digest % 10**36:036d}"}
            else:
                text = MARKER_PREFIX + self.migration_id
                key[name] = {type_: text.encode() if type_ == "B" else text}
        return key

    def _is_marker(self, item: Item) -> bool:
        """Whether ``item`` is the progress marker of this or another migration of the table."""
        if "migrationRenames" not in item or "migrationState" not in item:
            return False
        (type_, value), = item[self._partition_key].items()
        if type_ == "N":
            return len(value) == 38 and value.startswith("-9")
        return bytes(value).startswith(MARKER_PREFIX.encode()) if type_ == "B" else value.startswith(MARKER_PREFIX)

    @property
    def _signature(self) -> str:
        return json.dumps({"renames": dict(sorted(self.renames.items())), "removeOld": self.remove_old})

    def progress(self) -> Progress | None:
        """The saved progress, or None before the first page."""
        item = self.client.get_item(TableName=self.table_name, Key=self.marker_key, ConsistentRead=True).get("Item")
        if item is None:
            return None
        if item["migrationRenames"]["S"] != self._signature:
            raise MigrationError(
                f"migration {self.migration_id} already ran on {self.table_name} with other renames "
                f"({item['migrationRenames']['S']}): give a changed migration a new migration_id"
            )
        return Progress(
            state=item["migrationState"]["S"],
            cursor=item["migrationCursor"]["M"] if "migrationCursor" in item else None,
            items_scanned=int(item["itemsScanned"]["N"]),
            items_updated=int(item["itemsUpdated"]["N"]),
            pages=int(item["pages"]["N"]),
        )

    def _save(self, progress: Progress) -> None:
        item = {
            **self.marker_key,
            "migrationState": {"S": progress.state},
            "migrationRenames": {"S": self._signature},
            "itemsScanned": {"N": str(progress.items_scanned)},
            "itemsUpdated": {"N": str(progress.items_updated)},
            "pages": {"N": str(progress.pages)},
        }
        if progress.cursor is not None:
            item["migrationCursor"] = {"M": progress.cursor}
        self.client.put_item(TableName=self.table_name, Item=item)

    # -- the work ----------------------------------------------------------------------------

    def run(self, should_stop: Callable[[], bool] = lambda: False) -> Progress:
        """Migrate page after page until the table is done or ``should_stop()`` (asked before each
        page and each item) says to stop; the progress is saved after every finished page."""
        progress = self.progress() or Progress()
        while progress.state != "done" and not should_stop():
            page = self._scan_page(progress.cursor)
            items = [item for item in page["Items"] if not self._is_marker(item)]
            updated = 0
            for item in items:
                if should_stop():
                    return progress  # this page is not saved: it is read again next time
                updated += self._migrate(item)
            progress.items_scanned += len(items)
            progress.items_updated += updated
            progress.pages += 1
            progress.cursor = page.get("LastEvaluatedKey")
            if progress.cursor is None:
                progress.state = "done"
            self._save(progress)
        return progress

    def _scan_page(self, cursor: Item | None) -> dict[str, Any]:
        kwargs: dict[str, Any] = {"TableName": self.table_name, "Limit": self.page_size, "ReturnConsumedCapacity": "TOTAL"}
        if cursor is not None:
            kwargs["ExclusiveStartKey"] = cursor
        page: dict[str, Any] = self.client.scan(**kwargs)
        assert self._read is not None
        # Without a reported figure: an eventually consistent read of up to 4 KB is half a unit.
        self._read.spend(_units(page, default=0.5 * max(1, len(page["Items"]))))
        return page

    def _migrate(self, item: Item) -> int:
        """Rewrite one item; 1 when it was written, 0 when there was nothing to do."""
        for _ in range(CONDITION_RETRIES):
            update = self.update_for(item)
            if update is None:
                return 0
            try:
                response = self.client.update_item(
                    TableName=self.table_name, Key={k: item[k] for k in self._keys}, ReturnConsumedCapacity="TOTAL",
                    **update,
                )
            except self.client.exceptions.ConditionalCheckFailedException:
                # Written (or deleted) since it was read: decide again on what it holds now.
                latest = self.client.get_item(
                    TableName=self.table_name, Key={k: item[k] for k in self._keys}, ConsistentRead=True
                ).get("Item")
                if latest is None:
                    return 0
                item = latest
                continue
            assert self._write is not None
            self._write.spend(_units(response, default=1.0))
            return 1
        raise MigrationError(
            f"item {json.dumps({k: item[k] for k in self._keys}, default=str)} of {self.table_name} changed under "
            f"each of {CONDITION_RETRIES} attempts to migrate it; run the migration again"
        )

    def update_for(self, item: Item) -> dict[str, Any] | None:
        """The conditional ``UpdateItem`` arguments that migrate ``item`` as read, or None."""
        sets, removes, conditions = [], [], ["attribute_exists(#pk)"]
        names = {"#pk": self._partition_key}
        values = {}
        for i, (old, new) in enumerate(sorted(self.renames.items())):
            if old not in item:
                continue
            o, n, v = f"#o{i}", f"#n{i}", f":v{i}"
            if new not in item:
                sets.append(f"{n} = {v}")
                conditions += [f"{o} = {v}", f"attribute_not_exists({n})"]
                values[v] = item[old]
            elif self.remove_old:
                conditions.append(f"attribute_exists({n})")
            else:
                continue  # the new name holds a value already: a writer's, which wins
            if self.remove_old:
                removes.append(o)
            names.update({o: old, n: new})
        if not sets and not removes:
            return None
        expression = " ".join(part for part in (
            f"SET {', '.join(sets)}" if sets else "",
            f"REMOVE {', '.join(removes)}" if removes else "",
        ) if part)
        update = {
            "UpdateExpression": expression,
            "ConditionExpression": " AND ".join(conditions),
            "ExpressionAttributeNames": names,
        }
        if values:
            update["ExpressionAttributeValues"] = values
        return update


def _units(response: Mapping[str, Any], default: float) -> float:
    consumed = response.get("ConsumedCapacity") or {}
    return float(consumed.get("CapacityUnits") or default)


def check_renames(renames: Mapping[str, str]) -> None:
    """Refuse renames that cannot be applied item by item: empty, identical, or chained names."""
    if not renames:
        raise MigrationError("no renames given")
    for old, new in renames.items():
        if not old or not new:
            raise MigrationError(f"rename {old!r} → {new!r}: attribute names cannot be empty")
        if old == new:
            raise MigrationError(f"rename {old!r} → {new!r}: the names are the same")
    news = list(renames.values())
    twice = sorted({n for n in news if news.count(n) > 1})
    if twice:
        raise MigrationError(f"{', '.join(twice)}: several attributes renamed to one name")
    chained = sorted(set(news) & set(renames))
    if chained:
        raise MigrationError(
            f"{', '.join(chained)}: both an old and a new name; a chain of renames needs one migration per step"
        )


# -- the CloudFormation side ----------------------------------------------------------------------


def migration_from_properties(properties: Mapping[str, Any]) -> Migration:
    """The migration a custom resource describes (CloudFormation passes every value as a string)."""
    # Imported here: the construct imports check_renames from this module without needing boto3.
    import boto3
    from botocore.config import Config

    return Migration(
        client=boto3.client("dynamodb", config=Config(retries={"mode": "standard", "max_attempts": 10})),
        table_name=properties["TableName"],
        migration_id=properties["MigrationId"],
        renames=dict(properties["Renames"]),
        remove_old=str(properties.get("RemoveOld", "false")).lower() == "true",
        capacity_share=float(properties.get("CapacityShare", 0.25)),
        on_demand_units_per_second=float(properties.get("OnDemandUnitsPerSecond", 100)),
        page_size=int(properties.get("PageSize", 1000)),
    )


def on_event(event: Mapping[str, Any], context: Any) -> dict[str, Any]:
    """Create (or Update to a new migration id): check the migration can run, then let ``is_complete``
    run it. Delete, and Update under the same id: nothing (the data stays as migrated)."""
    migration_id = event["ResourceProperties"]["MigrationId"]
    if event["RequestType"] == "Delete":
        return {"PhysicalResourceId": event["PhysicalResourceId"]}
    migration_from_properties(event["ResourceProperties"])  # refuses key renames, chains, ...
    # A new migration id is a new physical id: CloudFormation then deletes the old resource (a no-op).
    return {"PhysicalResourceId": migration_id}


def is_complete(event: Mapping[str, Any], context: Any) -> dict[str, Any]:
    """Migrate until the table is done (``IsComplete: true``) or this invocation's time runs out."""
    if event["RequestType"] == "Delete":
        return {"IsComplete": True}
    migration = migration_from_properties(event["ResourceProperties"])
    progress = migration.run(should_stop=lambda: context.get_remaining_time_in_millis() < STOP_MARGIN_MS)
    data = {"ItemsScanned": progress.items_scanned, "ItemsUpdated": progress.items_updated}
    return {"IsComplete": progress.state == "done", "Data": data}
