"""Where ``tagscan synth`` writes: an atomic swap of the output directory, and the stamp that
lets an unchanged synth skip the CDK.

Nothing here imports ``aws_cdk`` or ``cdk_bridge``: the cache check must stay cheap.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import importlib.util
import json
import os
import secrets
import shutil
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from tagscan import __version__
from tagscan.errors import InputError
from tagscan.model import ScanResult

STAMP = "tagscan-synth.json"


def content_digest(scan: ScanResult, options: Mapping[str, Any]) -> str:
    """A hash of everything the assembly depends on: the IR (without its absolute root), the
    options, and the versions of tagscan, aws-cdk-lib and the cdk_bridge sources."""
    ir = scan.to_dict()
    ir.pop("root")
    payload = {
        "ir": ir,
        "options": dict(options),
        "tagscan": __version__,
        "aws-cdk-lib": importlib.metadata.version("aws-cdk-lib"),
        "cdk_bridge": _source_digest("cdk_bridge"),
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()


def cached_summary(output: Path, digest: str) -> str | None:
    """The summary of the synth that wrote ``output``, when it had this digest and its files are intact."""
    try:
        stamp = json.loads((output / STAMP).read_text(encoding="utf-8"))
        intact = all(_file_digest(output / name) == sha for name, sha in stamp["files"].items())
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    return stamp["summary"] if intact and stamp.get("digest") == digest else None


def write_stamp(directory: Path, digest: str, summary: str) -> None:
    files = {
        path.relative_to(directory).as_posix(): _file_digest(path)
        for path in sorted(directory.rglob("*"))
        if path.is_file()
    }
    stamp = {"digest": digest, "files": files, "summary": summary}
    (directory / STAMP).write_text(json.dumps(stamp, indent=1, sort_keys=True) + "\n", encoding="utf-8")


@contextlib.contextmanager
def replacing_directory(target: Path) -> Iterator[Path]:
    """Yield an empty staging directory beside ``target``; when the block succeeds it becomes
    ``target``, otherwise it is removed and an existing ``target`` stays exactly as it was."""
    if target.exists() and not target.is_dir():
        raise InputError(f"{target} exists and is not a directory")
    # Not mkdtemp: its 0700 mode would become the mode of the output directory.
    staging = target.with_name(f".{target.name}.new-{os.getpid()}-{secrets.token_hex(4)}")
    try:
        staging.mkdir(parents=True)
    except OSError as exc:
        raise InputError(f"cannot write {target}: {exc.strerror or exc}") from None
    try:
        yield staging
        _swap(staging, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _swap(staging: Path, target: Path) -> None:
    # Rename the old directory aside first: os.replace cannot replace a non-empty directory.
    old = target.with_name(f".{target.name}.old-{os.getpid()}")
    try:
        if target.exists():
            os.replace(target, old)
        os.replace(staging, target)
    except OSError as exc:
        if old.exists() and not target.exists():
            os.replace(old, target)
        raise InputError(f"cannot write {target}: {exc.strerror or exc}") from None
    shutil.rmtree(old, ignore_errors=True)


def _file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _source_digest(package: str) -> str:
    spec = importlib.util.find_spec(package)  # finds the package without importing it
    locations = spec.submodule_search_locations if spec else None
    if not locations:
        return ""
    digest = hashlib.sha256()
    root = Path(next(iter(locations)))
    for path in sorted(root.rglob("*.py")):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()
