"""The Go trees the scan benchmark reads, generated with fixed seeds (same seed, same bytes).

- `real_tree`: shaped like the model packages of a monorepo of services: 15 services, each with a
  `models` package of 60 to 70 files of about 4 KB, one single-table model per file; either one
  module per service or one module for all.
- `dense_tree`: 1,000 files of four models each, every field tagged (the tree tagscan was first
  tuned on).
- `sparse_tree`: 3,000 files of ordinary Go in 100 packages, 1% of them holding models.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

SEED = 20260101
GO_MOD = "module example.com/bench\n\ngo 1.22\n\nrequire github.com/pay-theory/dynamorm v1.3.0\n"


# --- the real-shaped tree ---------------------------------------------------------------------

SERVICES = (
    "billing", "catalog", "checkout", "inventory", "ledger", "loyalty", "notifications", "orders",
    "payments", "pricing", "profiles", "returns", "search", "shipping", "subscriptions",
)
# The entities a service stores; every service has most of them, under the same type names.
ENTITIES = (
    "Account", "Address", "Adjustment", "Allocation", "ApiKey", "Approval", "Attachment", "AuditEntry",
    "Balance", "Batch", "Bundle", "Campaign", "Cart", "CartItem", "Category", "Charge", "Contact",
    "Contract", "Coupon", "CreditNote", "Customer", "Delivery", "Device", "Discount", "Dispute",
    "Document", "Entitlement", "Export", "Feature", "Fulfillment", "Import", "Invoice", "InvoiceLine",
    "Job", "LedgerEntry", "Location", "Membership", "Message", "Note", "Offer", "Order", "OrderItem",
    "Organization", "Package", "Payment", "PaymentMethod", "Payout", "Plan", "PriceList", "Product",
    "Promotion", "Quote", "Receipt", "Refund", "Reservation", "Review", "Schedule", "Session",
    "Settlement", "Shipment", "Sku", "Statement", "Subscription", "Supplier", "Task", "TaxRate",
    "Ticket", "Transfer", "Usage", "Voucher", "Warehouse", "Webhook",
)
# (Go field name, Go type, attribute stem, extra tag options, json name) of the ordinary fields.
PLAIN_FIELDS = (
    ("Name", "string", "name", "", "name"),
    ("Description", "string", "description", ",omitempty", "description,omitempty"),
    ("Status", "string", "status", "", "status"),
    ("AmountCents", "int64", "amountCents", "", "amountCents"),
    ("Currency", "string", "currency", "", "currency"),
    ("Quantity", "int", "quantity", "", "quantity"),
    ("Priority", "int32", "priority", ",omitempty", "priority,omitempty"),
    ("Labels", "[]string", "labels", ",set,omitempty", "labels,omitempty"),
    ("Metadata", "map[string]string", "metadata", ",omitempty", "metadata,omitempty"),
    ("ExternalRef", "string", "externalRef", ",omitempty", "externalRef,omitempty"),
    ("Enabled", "bool", "enabled", "", "enabled"),
    ("Score", "float64", "score", ",omitempty", "score,omitempty"),
    ("OwnerID", "string", "ownerID", "", "ownerId"),
    ("Region", "string", "region", "", "region"),
    ("Notes", "string", "notes", ",omitempty", "notes,omitempty"),
    ("ScheduledAt", "*time.Time", "scheduledAt", ",omitempty", "scheduledAt,omitempty"),
    ("CompletedAt", "*time.Time", "completedAt", ",omitempty", "completedAt,omitempty"),
    ("Attempts", "int", "attempts", "", "attempts"),
    ("Checksum", "[]byte", "checksum", ",binary,omitempty", "-"),
    ("Source", "string", "source", "", "source"),
)
FIELD_NOTES = {
    "Name": "what users call it, at most MaxNameLength bytes",
    "Description": "free text shown in the console",
    "Status": "one of the Status constants",
    "AmountCents": "the amount in the currency's minor unit",
    "Currency": "an ISO 4217 code",
    "Quantity": "how many units it covers",
    "Priority": "higher first; zero is the default",
    "Labels": "the tenant's own labels, stored as a string set",
    "Metadata": "opaque values integrations attach",
    "ExternalRef": "the id of the same entity in the upstream system",
    "Enabled": "false when an operator has switched it off",
    "Score": "the ranking score search computes",
    "OwnerID": "the user who owns it",
    "Region": "the AWS region it belongs to",
    "Notes": "for support staff, never shown to the tenant",
    "ScheduledAt": "when the next run is due, if any",
    "CompletedAt": "set once it reaches a final status",
    "Attempts": "how many times processing was tried",
    "Checksum": "the SHA-256 of the payload it describes",
    "Source": "the channel it came from",
}
STATUSES = ("pending", "active", "suspended", "closed", "failed", "settled", "archived")


def _go_mod(module: str) -> str:
    return f"module {module}\n\ngo 1.22\n\nrequire github.com/pay-theory/dynamorm v1.3.0\n"


def _upper_snake(name: str) -> str:
    return "".join(("_" + ch if ch.isupper() and i else ch) for i, ch in enumerate(name)).upper()


def _lower_first(name: str) -> str:
    return name[0].lower() + name[1:]


def _support_files(service: str, convention: str) -> dict[str, str]:
    """The package's files that are not one model each: keys, audit, table name, constants, other types."""
    env = f"{service.upper()}_TABLE_NAME"
    width = max(len(status) for status in STATUSES) + len("Status")
    statuses = "\n".join(f"\t{'Status' + s.capitalize():{width}} = \"{s}\"" for s in STATUSES)
    snake = convention == "snake_case"
    created, updated = ("created_at", "updated_at") if snake else ("createdAt", "updatedAt")
    return {
        "keys.go": (
            "package models\n\nimport (\n\t\"fmt\"\n\t\"strings\"\n)\n\n"
            "// EntityKeys are the table's primary key attributes. Models that address items only by\n"
            "// tenant and id embed it instead of declaring the keys themselves.\n"
            "type EntityKeys struct {\n"
            "\tPK string `dynamorm:\"pk,attr:PK\" json:\"-\"`\n"
            "\tSK string `dynamorm:\"sk,attr:SK\" json:\"-\"`\n"
            "}\n\n"
            "// tenantKey is the partition key every entity of a tenant shares.\n"
            "func tenantKey(tenantID string) string {\n"
            "\treturn fmt.Sprintf(\"%s%s\", PrefixTenant, strings.ToLower(strings.TrimSpace(tenantID)))\n"
            "}\n\n"
            "// entityKey is the sort key of one entity: its kind, then its id.\n"
            "func entityKey(kind, id string) string {\n"
            "\treturn fmt.Sprintf(\"%s#%s\", kind, strings.TrimSpace(id))\n"
            "}\n"
        ),
        "audit.go": (
            "package models\n\nimport \"time\"\n\n"
            "// Audit records when an item was written and by whom; every model embeds it.\n"
            "type Audit struct {\n"
            f"\tCreatedAt time.Time `dynamorm:\"created_at,attr:{created}\" json:\"createdAt\"`\n"
            f"\tUpdatedAt time.Time `dynamorm:\"updated_at,attr:{updated}\" json:\"updatedAt\"`\n"
            f"\tCreatedBy string    `dynamorm:\"attr:{'created_by' if snake else 'createdBy'},omitempty\" json:\"createdBy,omitempty\"`\n"
            "\tVersion   int64     `dynamorm:\"version,attr:version\" json:\"version\"`\n"
            "}\n\n"
            "// stamp sets the audit times for a write at now.\n"
            "func (a *Audit) stamp(now time.Time, actor string) {\n"
            "\tif a.CreatedAt.IsZero() {\n\t\ta.CreatedAt = now\n\t\ta.CreatedBy = actor\n\t}\n"
            "\ta.UpdatedAt = now\n}\n"
        ),
        "table.go": (
            "package models\n\nimport \"os\"\n\n"
            f"// tableName is the service's single table: {env} where it is deployed, the local\n"
            "// table's name otherwise.\n"
            "func tableName() string {\n"
            f"\tif name := os.Getenv(\"{env}\"); name != \"\" {{\n\t\treturn name\n\t}}\n"
            f"\treturn \"{service}-local\"\n}}\n"
        ),
        "constants.go": (
            "package models\n\nimport \"time\"\n\n"
            "// Key prefixes of the single-table layout.\n"
            "const (\n\tPrefixTenant = \"TENANT#\"\n\tPrefixStatus = \"STATUS#\"\n\tPrefixDate   = \"DATE#\"\n)\n\n"
            f"// Statuses an entity moves through.\nconst (\n{statuses}\n)\n\n"
            "// Retention of items that expire.\n"
            "const (\n\tDefaultRetention = 90 * 24 * time.Hour\n\tShortRetention   = 7 * 24 * time.Hour\n)\n\n"
            "// MaxNameLength bounds the names users give entities.\nconst MaxNameLength = 256\n"
        ),
        "query.go": (
            "package models\n\nimport (\n\t\"errors\"\n\t\"time\"\n)\n\n"
            "// ErrNotFound is returned when no item has the key asked for.\n"
            "var ErrNotFound = errors.New(\"models: not found\")\n\n"
            "// ListOptions pages through a tenant's entities.\n"
            "type ListOptions struct {\n\tLimit  int       `json:\"limit\"`\n\tCursor string    `json:\"cursor,omitempty\"`\n"
            "\tSince  time.Time `json:\"since\"`\n}\n\n"
            "// Page is one page of a listing.\n"
            "type Page[T any] struct {\n\tItems      []T    `json:\"items\"`\n\tNextCursor string `json:\"nextCursor,omitempty\"`\n}\n\n"
            "// Clock is the time source models use, replaced in tests.\n"
            "type Clock interface {\n\tNow() time.Time\n}\n\n"
            "// systemClock is the wall clock.\ntype systemClock struct{}\n\n"
            "func (systemClock) Now() time.Time { return time.Now().UTC() }\n\n"
            "// limit is the page size to ask for: the default when unset, never above the maximum.\n"
            "func (o ListOptions) limit() int {\n\tswitch {\n\tcase o.Limit <= 0:\n\t\treturn 25\n"
            "\tcase o.Limit > 100:\n\t\treturn 100\n\tdefault:\n\t\treturn o.Limit\n\t}\n}\n"
        ),
    }


def gofmt_fields(lines: list[str]) -> str:
    """Struct field lines aligned in columns about as gofmt aligns them: per run of fields that no
    blank line, comment or embed interrupts."""
    out: list[str] = []
    block: list[list[str]] = []

    def flush() -> None:
        widths = [max((len(parts[i]) for parts in block if len(parts) > i + 1), default=0) for i in range(2)]
        for parts in block:
            out.append(" ".join(p.ljust(widths[i]) if i < len(parts) - 1 else p for i, p in enumerate(parts)))
        block.clear()

    for line in lines:
        stripped = line.strip()
        if not stripped:
            flush()
            out.append("")
        elif stripped.startswith("//") or " " not in stripped:  # a comment or an embed ends a column run
            flush()
            out.append(line)
        else:
            name, rest = stripped.split(" ", 1)
            go_type, _, tag = rest.partition(" ")
            block.append(["\t" + name, go_type, tag] if tag else ["\t" + name, go_type])
    flush()
    return "\n".join(out)


def _model_file(rng: random.Random, name: str, convention: str) -> str:
    """One model with ~17 tagged fields, its naming marker, TableName and helpers: about 4 KB."""
    receiver = name[0].lower()
    kind = _upper_snake(name)
    id_field = f"{name}ID"
    embeds_keys = rng.random() < 0.3
    snake = convention == "snake_case"

    def attr(stem: str) -> str:
        return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", stem).lower() if snake else stem

    lines = [f"\t_ struct{{}} `dynamorm:\"naming:{convention}\"`", "\tAudit"]
    if embeds_keys:
        lines.append("\tEntityKeys")
    else:
        lines += [
            "\tPK string `dynamorm:\"pk,attr:PK\" json:\"-\"`",
            "\tSK string `dynamorm:\"sk,attr:SK\" json:\"-\"`",
        ]
    lines += [
        "\tGSI1PK string `dynamorm:\"index:gsi1,pk,attr:gsi1PK\" json:\"-\"`",
        "\tGSI1SK string `dynamorm:\"index:gsi1,sk,attr:gsi1SK\" json:\"-\"`",
        "",
        f"\tTenantID string `dynamorm:\"attr:{attr('tenantID')}\" json:\"tenantId\"`",
        f"\t{id_field} string `dynamorm:\"attr:{attr(_lower_first(id_field))}\" json:\"{_lower_first(name)}Id\"`",
    ]
    for go_name, go_type, stem, options, json_name in rng.sample(PLAIN_FIELDS, rng.randint(9, 11)):
        if rng.random() < 0.5:
            lines.append(f"\t// {go_name} is {FIELD_NOTES[go_name]}.")
        lines.append(f"\t{go_name} {go_type} `dynamorm:\"attr:{attr(stem)}{options}\" json:\"{json_name}\"`")
    lines.append("\t// ExpiresAt is when DynamoDB may delete the item (epoch seconds); zero keeps it.")
    lines.append("\tExpiresAt int64 `dynamorm:\"ttl,attr:" + attr("expiresAt") + ",omitempty\" json:\"-\"`")
    lines += ["", "\tcache map[string]string // derived values, never stored"]
    body = gofmt_fields(lines)
    article = "an" if name[0] in "AEIOU" else "a"
    retention = rng.choice(("DefaultRetention", "ShortRetention"))
    methods = [
        f"// TableName is the service's table; every model of the package lives in it.\n"
        f"func ({receiver} *{name}) TableName() string {{\n\treturn tableName()\n}}\n",
        f"// {name}Key is the sort key of {article} {name}.\n"
        f"func {name}Key(id string) string {{\n\treturn entityKey(\"{kind}\", id)\n}}\n",
        f"// SetKeys fills the primary and index keys from the tenant, the id and the status.\n"
        f"func ({receiver} *{name}) SetKeys() {{\n"
        f"\t{receiver}.PK = tenantKey({receiver}.TenantID)\n"
        f"\t{receiver}.SK = {name}Key({receiver}.{id_field})\n"
        f"\t{receiver}.GSI1PK = fmt.Sprintf(\"%s%s#%s\", PrefixStatus, strings.ToUpper(\"{kind}\"), {receiver}.Status)\n"
        f"\t{receiver}.GSI1SK = fmt.Sprintf(\"%s%s\", PrefixDate, {receiver}.UpdatedAt.UTC().Format(time.RFC3339))\n}}\n",
        f"// Validate reports the first reason the {name} cannot be written.\n"
        f"func ({receiver} *{name}) Validate() error {{\n"
        f"\tif strings.TrimSpace({receiver}.TenantID) == \"\" {{\n\t\treturn errors.New(\"{_lower_first(name)}: tenant id is required\")\n\t}}\n"
        f"\tif strings.TrimSpace({receiver}.{id_field}) == \"\" {{\n\t\treturn errors.New(\"{_lower_first(name)}: id is required\")\n\t}}\n"
        f"\tif len({receiver}.Status) == 0 {{\n\t\treturn fmt.Errorf(\"{_lower_first(name)} %s: status is required\", {receiver}.{id_field})\n\t}}\n"
        f"\treturn nil\n}}\n",
        f"// Expired tells whether the {name} is past its retention at now.\n"
        f"func ({receiver} *{name}) Expired(now time.Time) bool {{\n"
        f"\treturn {receiver}.ExpiresAt > 0 && now.Unix() >= {receiver}.ExpiresAt\n}}\n",
        f"// Touch prepares the {name} for a write at now by actor: audit times, keys and expiry.\n"
        f"func ({receiver} *{name}) Touch(now time.Time, actor string) {{\n"
        f"\t{receiver}.stamp(now, actor)\n"
        f"\tif {receiver}.Status == StatusClosed || {receiver}.Status == StatusArchived {{\n"
        f"\t\t{receiver}.ExpiresAt = now.Add({retention}).Unix()\n\t}}\n"
        f"\t{receiver}.SetKeys()\n}}\n",
    ]
    if rng.random() < 0.6:
        methods.append(
            f"// Summary is a one-line description of the {name} for logs.\n"
            f"func ({receiver} *{name}) Summary() string {{\n"
            f"\tvar b strings.Builder\n"
            f"\tfmt.Fprintf(&b, \"{kind} %s (tenant %s, %s)\", {receiver}.{id_field}, {receiver}.TenantID, {receiver}.Status)\n"
            f"\tif !{receiver}.UpdatedAt.IsZero() {{\n"
            f"\t\tfmt.Fprintf(&b, \" updated %s ago\", time.Since({receiver}.UpdatedAt).Round(time.Second))\n\t}}\n"
            f"\treturn b.String()\n}}\n"
        )
    if rng.random() < 0.5:
        methods.append(
            f"// MoveTo changes the {name}'s status, refusing to leave a closed one.\n"
            f"func ({receiver} *{name}) MoveTo(status string, now time.Time) error {{\n"
            f"\tif {receiver}.Status == StatusClosed && status != StatusArchived {{\n"
            f"\t\treturn fmt.Errorf(\"{_lower_first(name)} %s is closed\", {receiver}.{id_field})\n\t}}\n"
            f"\t{receiver}.Status = status\n\t{receiver}.UpdatedAt = now\n\t{receiver}.SetKeys()\n\treturn nil\n}}\n"
        )
    if rng.random() < 0.5:
        methods.append(
            f"// New{name} starts {article} {name} of a tenant in the pending status.\n"
            f"func New{name}(tenantID, id string, clock Clock) *{name} {{\n"
            f"\t{receiver} := &{name}{{TenantID: strings.TrimSpace(tenantID), {id_field}: id, Status: StatusPending}}\n"
            f"\t{receiver}.Touch(clock.Now(), \"system\")\n\treturn {receiver}\n}}\n"
        )
    return (
        "package models\n\nimport (\n\t\"errors\"\n\t\"fmt\"\n\t\"strings\"\n\t\"time\"\n)\n\n"
        f"// {name} is {article} {_upper_snake(name).lower().replace('_', ' ')} of a tenant, stored in the "
        f"service's single table\n// under the tenant's partition; gsi1 lists them by status and last update.\n"
        f"type {name} struct {{\n{body}\n}}\n\n"
        + "\n".join(methods)
    )


def real_tree(root: Path, one_module: bool) -> None:
    """15 services' `models` packages (`<service>/internal/models`), the same package and type names in
    each; with `one_module` a go.mod at the root, otherwise one per service."""
    rng = random.Random(SEED + 2)
    if one_module:
        (root / "go.mod").write_text(_go_mod("github.com/acme/platform"))
    for number, service in enumerate(SERVICES):
        convention = "snake_case" if number % 5 == 4 else "camelCase"
        service_dir = root / service
        directory = service_dir / "internal" / "models"
        directory.mkdir(parents=True, exist_ok=True)
        if not one_module:
            (service_dir / "go.mod").write_text(_go_mod(f"github.com/acme/{service}"))
        for file_name, content in _support_files(service, convention).items():
            (directory / file_name).write_text(content)
        for name in rng.sample(ENTITIES, rng.randint(60, 70)):
            (directory / f"{_upper_snake(name).lower()}.go").write_text(_model_file(rng, name, convention))


# --- the dense and sparse trees ---------------------------------------------------------------


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


def dense_model_file(rng: random.Random, package: str, number: int) -> str:
    """A shared base, four documented models, their helpers."""
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
        content = dense_model_file(rng, package, number) if number % 100 == 7 else filler_file(rng, package, number, 10_000)
        (directory / f"file{number}.go").write_text(content)


def dense_tree(root: Path) -> None:
    rng = random.Random(SEED + 1)
    (root / "go.mod").write_text(GO_MOD)
    for number in range(1000):
        package = f"models{number // 25}"
        directory = root / package
        directory.mkdir(exist_ok=True)
        (directory / f"models{number}.go").write_text(dense_model_file(rng, package, number))


def tree_size(root: Path) -> tuple[int, float]:
    """(Go files, MB of them)."""
    files = list(root.rglob("*.go"))
    return len(files), sum(f.stat().st_size for f in files) / 1_000_000
