"""Parallel scanning: the packages of a scan split among forked processes, one shard each.

A shard (`Shard`, the scan of some packages) takes three steps in order, each once every shard has
taken the one before: which structs other structs use is only known once all candidates are in.
The parent process runs the first shard itself and asks the forked ones for each step's result over
a pipe; forking after the files are read shares their bytes, and the results come back pickled. The
build's results come package by package, and the parent unpickles those that have come between its
own packages: unpickling then runs beside the forked shards' build instead of after it.
Where fork is missing, or the files that can hold a model are too few to pay for a process, one
shard in this process does everything: a serial scan is the same code with one group.
"""

from __future__ import annotations

import os
import signal
import threading
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar

from tagscan.model import Component, Diagnostic, Location, Model, Suppression
from tagscan.scanner.registrations import Site
from tagscan.scanner.workspace import Package, Workspace

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

# Bytes of files that can hold a model per extra process, below which forking and pickling the
# results cost more than the parse and build they take off this process.
MIN_BYTES_PER_SHARD = 1_000_000

StructKey = tuple[Path, str]  # (package directory, struct name)
Embedding = tuple[Path, str, str]  # (package directory, struct name, name of a struct embedding it)
Embedders = dict[StructKey, tuple[str, ...]]  # the structs embedding a struct, by name
T = TypeVar("T")


@dataclass(frozen=True)
class Candidates:
    """What a shard's up-front parse found: its structs, and the ones their fields refer to."""

    declared: frozenset[StructKey]
    used: frozenset[StructKey]
    embedded: frozenset[Embedding]
    sites: tuple[Site, ...]  # the ORM calls of the shard's files (all of them, reported or not)
    import_paths: dict[str, Path]  # import path -> dir, of the shard's packages


@dataclass(frozen=True)
class PackageScan:
    """What a shard found in one package: its share of the ScanResult."""

    models: tuple[Model, ...]
    components: tuple[Component, ...]
    diagnostics: tuple[Diagnostic, ...]
    suppressions: tuple[Suppression, ...]


class Shard(Protocol):
    """The scan of some packages: its steps, in order."""

    def candidates(self) -> Candidates:
        """Parse the files that can hold a model: their structs and what those use."""

    def used_in_other_files(
        self, unused: dict[Path, set[str]], import_paths: dict[str, Path]
    ) -> tuple[frozenset[StructKey], frozenset[Embedding]]:
        """Of the candidates no candidate uses, those a file not parsed up front uses, and the ones it embeds."""

    def build(self, used: frozenset[StructKey], embedders: Embedders, registered: dict[StructKey, Location]) -> Iterator[PackageScan]:
        """The models and components of each package, given every struct another one uses, the structs
        embedding each, and where each struct handed to the ORM is registered."""


class ShardError(RuntimeError):
    """A scan process died or failed: an internal error, never a user mistake."""


def _can_fork() -> bool:
    import multiprocessing  # only for scans big enough to fork: it adds to every start-up

    return "fork" in multiprocessing.get_all_start_methods()


def available_jobs() -> int:
    """How many processes an automatic `--jobs 0` may use: the CPUs this process may run on, or
    one where fork is missing or threads run (forking a threaded process can deadlock)."""
    if threading.active_count() > 1 or not _can_fork():
        return 1
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def package_groups(workspace: Workspace, jobs: int) -> list[list[Package]]:
    """The scanned packages in at most `jobs` groups of about equal model-file bytes (0: automatic).

    Packages are never split: a package's files resolve each other's names, so a shard parses them
    together. Each group keeps the packages in directory order.
    """
    if jobs == 1:
        return [list(workspace.scanned)]
    weights = {
        package.directory: sum(len(workspace.source(path) or b"") for path in package.files if workspace.can_hold_model(path))
        for package in workspace.scanned
    }
    if jobs == 0:
        worth = 1 + sum(weights.values()) // MIN_BYTES_PER_SHARD
        jobs = min(available_jobs(), worth) if worth > 1 else 1
    elif jobs > 1 and not _can_fork():
        jobs = 1
    groups: list[list[Package]] = [[] for _ in range(max(1, min(jobs, len(workspace.scanned))))]
    loads = [0] * len(groups)
    # Heaviest package first, to the least loaded group: within a package's weight of even.
    for package in sorted(workspace.scanned, key=lambda p: (-weights[p.directory], p.directory)):
        lightest = loads.index(min(loads))
        groups[lightest].append(package)
        loads[lightest] += weights[package.directory]
    return [sorted(group, key=lambda p: p.directory) for group in groups if group]


# The requests a forked shard answers, one per step.
class _FindCandidates:
    pass


@dataclass(frozen=True)
class _FindUsed:
    unused: dict[Path, set[str]]
    import_paths: dict[str, Path]


@dataclass(frozen=True)
class _Build:
    used: frozenset[StructKey]
    embedders: Embedders
    registered: dict[StructKey, Location]


_Request = _FindCandidates | _FindUsed | _Build


class _Built:
    """A forked shard's last answer to `_Build`, after its packages."""


@dataclass(frozen=True)
class _Failed:
    """A forked shard's step raised: its traceback."""

    traceback: str


class _Remote:
    """A shard in a forked process: `send` a request, then `receive` its answer."""

    def __init__(self, make: Callable[[list[Package]], Shard], packages: list[Package], earlier: list[_Remote]) -> None:
        import multiprocessing

        context = multiprocessing.get_context("fork")
        requests, self._requests = context.Pipe(duplex=False)
        self._answers, answers = context.Pipe(duplex=False)
        _enlarge(self._answers)
        # The child closes the parent's ends it inherits, so that it sees end of input when the
        # parent closes them or dies.
        parent_ends = [end for remote in earlier + [self] for end in (remote._requests, remote._answers)]
        self._process = context.Process(target=_serve, args=(make, packages, requests, answers, parent_ends), daemon=True)
        self._process.start()
        requests.close()
        answers.close()

    def send(self, request: _Request) -> None:
        self._requests.send(request)

    def ready(self) -> bool:
        """Whether an answer has come (`receive` would not wait)."""
        return self._answers.poll()

    def fileno(self) -> int:
        """The answers' end, for `multiprocessing.connection.wait`."""
        return self._answers.fileno()

    def receive(self) -> object:
        """The answer to the request sent last (the next of a build's answers)."""
        try:
            message = self._answers.recv()
        except EOFError:
            self._process.join(5)
            raise ShardError(f"a scan process exited with code {self._process.exitcode}") from None
        if isinstance(message, _Failed):
            raise ShardError(f"a scan process failed:\n{message.traceback}")
        return message

    def stop(self, at_once: bool) -> None:
        """End the process: when its work is done, by closing the pipe (it sees end of input and
        returns); `at_once` (an error or Ctrl-C here), by killing it mid-step."""
        if at_once:
            self._process.kill()
        self._requests.close()
        self._answers.close()
        self._process.join(5)
        if self._process.is_alive():
            self._process.kill()
            self._process.join()


def _enlarge(pipe: Connection) -> None:
    """A 1 MB pipe (any Linux user may ask for one) for the answers: a build's answer is megabytes,
    which a 64 KB pipe passes in as many wake-ups of both processes as it has chunks (measured in
    docs/performance.md)."""
    import fcntl

    if hasattr(fcntl, "F_SETPIPE_SZ"):
        try:
            fcntl.fcntl(pipe.fileno(), fcntl.F_SETPIPE_SZ, 1 << 20)
        except OSError:
            pass  # a lower limit set by the administrator: the default size works, more slowly


def _serve(
    make: Callable[[list[Package]], Shard], packages: list[Package], requests: Connection, answers: Connection,
    parent_ends: list[Connection],
) -> None:
    # Ctrl-C is the parent's to handle: it stops this process, which must not print a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for end in parent_ends:
        end.close()
    shard = None
    try:
        while True:
            request = requests.recv()
            try:
                if shard is None:
                    shard = make(packages)
                _answer(shard, request, answers)
            except Exception:  # noqa: BLE001 - the parent raises ShardError with it
                answers.send(_Failed(traceback.format_exc()))
            if isinstance(request, _Build):
                return  # the last step: exiting now, while the parent unpickles, spares it the wait
    except (EOFError, BrokenPipeError):
        return  # the parent has stopped asking


def _answer(shard: Shard, request: _Request, answers: Connection) -> None:
    match request:
        case _FindCandidates():
            answers.send(shard.candidates())
        case _FindUsed(unused, import_paths):
            answers.send(shard.used_in_other_files(unused, import_paths))
        case _Build(used, embedders, registered):
            for package in shard.build(used, embedders, registered):
                answers.send(package)
            answers.send(_Built())


class Shards:
    """The running shards: each step runs in all of them in parallel, this process's shard first."""

    def __init__(self, local: Shard, remotes: list[_Remote]) -> None:
        self._local = local
        self._remotes = remotes

    def candidates(self) -> list[Candidates]:
        self._send(_FindCandidates())
        local = self._local.candidates()
        return [local] + [_expect(remote.receive(), Candidates) for remote in self._remotes]

    def used_in_other_files(
        self, unused: dict[Path, set[str]], import_paths: dict[str, Path]
    ) -> list[tuple[frozenset[StructKey], frozenset[Embedding]]]:
        self._send(_FindUsed(unused, import_paths))
        local = self._local.used_in_other_files(unused, import_paths)
        return [local] + [_expect(remote.receive(), tuple) for remote in self._remotes]

    def build(self, used: frozenset[StructKey], embedders: Embedders, registered: dict[StructKey, Location]) -> list[PackageScan]:
        """The last step: the forked shards exit once they have answered."""
        self._send(_Build(used, embedders, registered))
        packages: list[PackageScan] = []
        building = list(self._remotes)
        for package in self._local.build(used, embedders, registered):
            packages.append(package)
            building = [remote for remote in building if not _take_built(remote, packages)]
        while building:
            from multiprocessing.connection import wait  # only where shards are forked: it adds to every start-up

            wait(building)  # type: ignore[arg-type]
            building = [remote for remote in building if not _take_built(remote, packages)]
        return packages

    def _send(self, request: _Request) -> None:
        for remote in self._remotes:
            remote.send(request)


def _take_built(remote: _Remote, packages: list[PackageScan]) -> bool:
    """Adds the packages that have come from a forked shard's build, without waiting; whether it has sent them all."""
    while remote.ready():
        message = remote.receive()
        if isinstance(message, _Built):
            return True
        packages.append(_expect(message, PackageScan))
    return False


def _expect(message: object, kind: type[T]) -> T:
    if not isinstance(message, kind):
        raise ShardError(f"a scan process answered {type(message).__name__}, not {kind.__name__}")
    return message


@contextmanager
def started(groups: list[list[Package]], make: Callable[[list[Package]], Shard]) -> Iterator[Shards]:
    """Shards for the groups: the first in this process, the others forked (stopped on exit)."""
    remotes: list[_Remote] = []
    failed = True
    try:
        for group in groups[1:]:
            remotes.append(_Remote(make, group, remotes))
        yield Shards(make(groups[0]), remotes)
        failed = False
    finally:
        for remote in remotes:
            remote.stop(at_once=failed)
