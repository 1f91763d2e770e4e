"""Where ``tagscan synth`` writes: an atomic swap of the output directory, and the stamp that
lets an unchanged synth skip the CDK.

Nothing here imports ``aws_cdk`` or ``cdk_bridge``: the cache check must stay cheap.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import hashlib
import importlib.util
import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from tagscan import __version__
from tagscan.errors import InputError
from tagscan.model import ScanResult
from tagscan.reading import NotARegularFile, inside, read_regular_file

STAMP = "tagscan-synth.json"
# The temporary directory of one synth (jsii's kernel copies its runtime and assemblies there):
# `tagscan-synth-<pid>-<random>` in $TMPDIR, removed at the end, or by a later synth once <pid> is gone.
PRIVATE_TMP = re.compile(r"tagscan-synth-(\d+)-[0-9a-f]{8}")
MAX_ASSEMBLY_FILE_BYTES = 64 << 20  # a template CloudFormation takes is at most 1 MB
SYNTH_MODULES = (Path(__file__), Path(__file__).with_name("synth_cmd.py"))


def content_digest(scan: ScanResult, options: Mapping[str, Any], lint_settings: Mapping[str, Any]) -> str:
    """A hash of everything the assembly and its lint gate depend on: the IR (without its
    absolute root), the synth options, the lint settings, and the code (tagscan and cdk_bridge
    sources, the aws-cdk-lib release). Equal digests mean the same lint outcome and template."""
    ir = scan.to_dict()
    ir.pop("root")
    payload = {
        "ir": ir,
        "options": dict(options),
        "lint": dict(lint_settings),
        "tagscan": __version__,
        # The code between the IR and the output: lint rules, synth commands, cdk_bridge.
        "code": _source_digest([*map(_package_dir, ("tagscan.lint", "tagscan.rules", "cdk_bridge")), *SYNTH_MODULES]),
        "aws-cdk-lib": _jsii_bundles("aws_cdk"),
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()


def cached_summary(output: Path, digest: str) -> str | None:
    """The summary of the synth that wrote ``output``, when it had this digest and its files are intact.

    A stamp naming a file outside ``output``, or one that is not a regular file, is an input error:
    a crafted cdk.out must not make synth read ``/etc/passwd`` or wait on a FIFO."""
    stamp_path = output / STAMP
    try:
        stamp = json.loads(read_regular_file(stamp_path, MAX_ASSEMBLY_FILE_BYTES))
        files = stamp["files"]
        intact = stamp.get("digest") == digest
        for name, sha in files.items():
            if not inside(output / name, output):
                raise InputError(f"{stamp_path}: the file {name!r} is not inside the cloud assembly")
            try:
                intact = _file_digest(output / name) == sha and intact
            except NotARegularFile:
                raise InputError(f"{stamp_path}: the file {name!r} is not a regular file") from None
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    return stamp["summary"] if intact else None


def write_stamp(directory: Path, digest: str, summary: str) -> None:
    files = {
        path.relative_to(directory).as_posix(): _file_digest(path)
        for path in sorted(directory.rglob("*"))
        if path.is_file()
    }
    stamp = {"digest": digest, "files": files, "summary": summary}
    (directory / STAMP).write_text(json.dumps(stamp, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def replaceable_output(output: Path, inputs: Iterable[Path]) -> Path:
    """The directory ``synth -o output`` may replace: ``output`` itself, or the directory a link
    there points at (the link stays). Synth swaps its output whole, so anything that is not
    empty, not a cloud assembly and not one tagscan wrote is refused, ``--force`` or not."""
    target = Path(os.path.realpath(output))
    protected = {Path.cwd().resolve(): "the current directory"}
    protected.update({Path(os.path.realpath(path)): f"the input {path}" for path in inputs})
    for path, what in protected.items():
        if path == target or target in path.parents:
            raise InputError(f"{output} holds {what}; synth replaces its output directory whole, choose another -o")
    if not target.exists():
        return target
    if not target.is_dir():
        raise InputError(f"{output} exists and is not a directory")
    try:
        entries = set(os.listdir(target))
    except OSError as exc:
        raise InputError(f"cannot read {output}: {exc.strerror or exc}") from None
    if entries and not entries & {"manifest.json", STAMP}:
        raise InputError(
            f"{output} is not empty and is not a cloud assembly (no manifest.json); synth replaces its output "
            "directory whole, so it leaves this one alone: choose another -o or empty it"
        )
    return target


@contextlib.contextmanager
def private_tmpdir() -> Iterator[Path]:
    """A temporary directory of this synth, for the jsii kernel (Node and the Python side): on the
    way out it is removed whole, even after Ctrl-C (a kernel stopped by a signal cleans nothing)."""
    private = Path(tempfile.gettempdir()) / f"tagscan-synth-{os.getpid()}-{os.urandom(4).hex()}"
    private.mkdir(mode=0o700)
    saved = os.environ.get("TMPDIR"), tempfile.tempdir
    os.environ["TMPDIR"], tempfile.tempdir = str(private), str(private)
    try:
        yield private
    finally:
        if saved[0] is None:
            os.environ.pop("TMPDIR", None)
        else:
            os.environ["TMPDIR"] = saved[0]
        tempfile.tempdir = saved[1]
        shutil.rmtree(private, ignore_errors=True)


@contextlib.contextmanager
def replacing_directory(target: Path, shown: Path) -> Iterator[Path]:
    """Yield an empty staging directory beside ``target``; when the block succeeds it becomes
    ``target``, otherwise it is removed and an existing ``target`` stays exactly as it was.
    Messages name the output ``shown``, as the user wrote it."""
    if target.exists() and not target.is_dir():
        raise InputError(f"{shown} exists and is not a directory")
    # Not mkdtemp: its 0700 mode would become the mode of the output directory.
    staging = target.with_name(f".{target.name}.new-{os.getpid()}-{os.urandom(4).hex()}")
    try:
        staging.mkdir(parents=True)
    except OSError as exc:
        raise InputError(f"cannot write {shown}: {exc.strerror or exc}") from None
    try:
        yield staging
        _swap(staging, target, shown)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def remove_leftovers(target: Path) -> None:
    """Remove what synths killed before this one left (SIGKILL runs no clean-up): their staging
    directories beside ``target`` (an old output set aside goes back when ``target`` is missing)
    and their temporary directories in $TMPDIR."""
    _remove_stale(target.parent, re.compile(rf"\.{re.escape(target.name)}\.(?:new|old)-(\d+)(?:-[0-9a-f]{{8}})?"), target)
    _remove_stale(Path(tempfile.gettempdir()), PRIVATE_TMP, None)


def _remove_stale(directory: Path, pattern: re.Pattern[str], target: Path | None) -> None:
    """Remove the entries of ``directory`` matching ``pattern`` whose process (group 1) has ended.
    An old output set aside (``.old-``) goes back to ``target`` when ``target`` is missing."""
    try:
        names = os.listdir(directory)
    except OSError:
        return
    for name in names:
        match = pattern.fullmatch(name)
        if match is None or _running(int(match.group(1))):
            continue
        path = directory / name
        if target is not None and ".old-" in name and not target.exists():
            with contextlib.suppress(OSError):
                os.replace(path, target)
                continue
        shutil.rmtree(path, ignore_errors=True)


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return False  # a leftover of an earlier process with this pid, not of this one
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True


def _swap(staging: Path, target: Path, shown: Path) -> None:
    # One atomic exchange where the kernel offers it: there is no moment without `target`, even
    # under SIGKILL. The caller then removes `staging`, which holds the old output.
    if target.exists() and _exchange(staging, target, shown):
        return
    # Elsewhere rename the old directory aside first: os.replace cannot replace a non-empty directory.
    old = target.with_name(f".{target.name}.old-{os.getpid()}")
    try:
        if target.exists():
            os.replace(target, old)
        os.replace(staging, target)
    except OSError as exc:
        if old.exists() and not target.exists():
            os.replace(old, target)
        raise InputError(f"cannot write {shown}: {exc.strerror or exc}") from None
    shutil.rmtree(old, ignore_errors=True)


def _exchange(first: Path, second: Path, shown: Path) -> bool:
    """Swap two paths atomically (Linux ``renameat2`` with RENAME_EXCHANGE); False where unsupported."""
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), rename_exchange) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):
        return False  # a kernel or file system without the exchange
    raise InputError(f"cannot write {shown}: {os.strerror(code)}")


def _file_digest(path: Path) -> str:
    return hashlib.sha256(read_regular_file(path, MAX_ASSEMBLY_FILE_BYTES)).hexdigest()


def _package_dir(package: str) -> Path | None:
    spec = importlib.util.find_spec(package)  # finds the package without importing it
    locations = spec.submodule_search_locations if spec else None
    return Path(next(iter(locations))) if locations else None


def _source_digest(locations: Iterable[Path | None]) -> str:
    """The Python sources of packages (directories) and modules (files)."""
    digest = hashlib.sha256()
    for location in locations:
        if location is None:
            continue
        files = sorted(location.rglob("*.py")) if location.is_dir() else [location]
        for path in files:
            digest.update(path.as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _jsii_bundles(package: str) -> list[str]:
    # The bundled jsii assembly is named after the release (aws-cdk-lib@2.275.0.jsii.tgz);
    # reading it here is far cheaper than importlib.metadata.
    root = _package_dir(package)
    return sorted(p.name for p in (root / "_jsii").glob("*.tgz")) if root else []
