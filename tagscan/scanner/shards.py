"""Parallel scanning: the packages of a scan split among forked processes, one shard each.

The parent process runs the first shard itself and asks the others for each step's result over a
pipe. Forking after the files are read shares their bytes; the results come back pickled. A step
that yields its result in parts (the build, package by package) sends each part as it is made, and
the parent takes the parts that have arrived between its own: the shards pickle and the parent
unpickles while both still build. A shard that waits (for the next step, or for another shard's
answer) meanwhile does work the coming steps need, through its `idle()`. Where fork is missing,
or the files that can hold a model are too few to pay for a process, one shard in this process
does everything: a serial scan is the same code with one group.
"""

from __future__ import annotations

import os
import signal
import threading
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from tagscan.scanner.workspace import Package, Workspace

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

# Bytes of files that can hold a model per extra process, below which forking and pickling the
# results cost more than the parse and build they take off this process.
MIN_BYTES_PER_SHARD = 1_000_000
# The cost of a model-file byte in a forked shard relative to this process: the shard also pickles
# the models it builds, and this process unpickles them between its own packages; with 1.1 both
# finish within a few hundredths of a second of each other (bench/scan_bench.py, dense tree).
REMOTE_COST = 1.1


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
    loads = [0.0] * len(groups)
    # Heaviest package first, to the least loaded group: within a package's weight of even. A forked
    # shard also pickles its results (and this process unpickles them), so its bytes weigh more.
    for package in sorted(workspace.scanned, key=lambda p: (-weights[p.directory], p.directory)):
        lightest = loads.index(min(loads))
        groups[lightest].append(package)
        loads[lightest] += weights[package.directory] * (1 if lightest == 0 else REMOTE_COST)
    return [sorted(group, key=lambda p: p.directory) for group in groups if group]


class _Remote:
    """A shard in a forked process: `send` a step, later `receive` its result."""

    def __init__(self, make: Callable[[list[Package]], Any], packages: list[Package], earlier: list[_Remote]) -> None:
        import multiprocessing

        context = multiprocessing.get_context("fork")
        steps, self._steps = context.Pipe(duplex=False)
        self._results, results = context.Pipe(duplex=False)
        _enlarge(self._results)
        # The child closes the parent's ends it inherits, so that it sees end of input when the
        # parent closes them or dies.
        parent_ends = [end for remote in earlier + [self] for end in (remote._steps, remote._results)]
        self._process = context.Process(target=_serve, args=(make, packages, steps, results, parent_ends), daemon=True)
        self._process.start()
        steps.close()
        results.close()
        self._parts: list[Any] = []
        self._result: tuple[Any] | None = None  # (the step's result,) once it has come

    def send(self, step: str, args: tuple[Any, ...], last: bool) -> None:
        self._parts, self._result = [], None
        self._steps.send((step, args, last))

    def answered(self) -> bool:
        """Whether a message has come (or the process has gone): `take_ready` will not wait."""
        return self._result is not None or self._results.poll()

    def take_ready(self) -> None:
        """Take the messages that have come, without waiting."""
        while self._result is None and self._results.poll():
            self._take()

    def receive(self) -> Any:
        """The step's result: its value, or the list of its parts."""
        while self._result is None:
            self._take()
        return self._result[0]

    def _take(self) -> None:
        try:
            kind, value = self._results.recv()
        except EOFError:
            self._process.join(5)
            raise ShardError(f"a scan process exited with code {self._process.exitcode}") from None
        if kind == _FAILED:
            raise ShardError(f"a scan process failed:\n{value}")
        if kind == _PART:
            self._parts.append(value)
        else:
            self._result = (self._parts if kind == _PARTS_DONE else value,)

    def stop(self, at_once: bool) -> None:
        """End the process: when its work is done, by closing the pipe (it sees end of input and
        returns); `at_once` (an error or Ctrl-C here), by killing it mid-step."""
        if at_once:
            self._process.kill()
        self._steps.close()
        self._results.close()
        self._process.join(5)
        if self._process.is_alive():
            self._process.kill()
            self._process.join()


# What a shard process sends: a step's result; or its parts, one by one, then the end of them;
# or the traceback of a failure.
_DONE, _PART, _PARTS_DONE, _FAILED = "done", "part", "parts done", "failed"


def _enlarge(pipe: Connection) -> None:
    """Let the pipe hold a few packages' parts (Linux: 1 MB for any user, against 64 KB), so that
    a shard seldom waits for the parent to take them: the parent takes them between its packages."""
    import fcntl

    if hasattr(fcntl, "F_SETPIPE_SZ"):
        try:
            fcntl.fcntl(pipe.fileno(), fcntl.F_SETPIPE_SZ, 1 << 20)
        except OSError:
            pass  # a lower limit set by the administrator: the default size works, more slowly


def _serve(
    make: Callable[[list[Package]], Any], packages: list[Package], steps: Connection, results: Connection,
    parent_ends: list[Connection],
) -> None:
    # Ctrl-C is the parent's to handle: it stops this process, which must not print a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for end in parent_ends:
        end.close()
    shard = None
    try:
        while True:
            _work_ahead(shard, until=steps.poll)
            step, args, last = steps.recv()
            try:
                if shard is None:
                    shard = make(packages)
                result = getattr(shard, step)(*args)
                if isinstance(result, Iterator):
                    for part in result:
                        results.send((_PART, part))
                    reply: tuple[str, Any] = (_PARTS_DONE, None)
                else:
                    reply = (_DONE, result)
            except Exception:  # noqa: BLE001 - the parent raises ShardError with it
                reply = (_FAILED, traceback.format_exc())
            results.send(reply)
            if last:
                return  # exiting now, while the parent unpickles the reply, spares it the wait
    except (EOFError, BrokenPipeError):
        return  # the parent has stopped asking


def _work_ahead(shard: Any, until: Callable[[], bool]) -> None:
    """Let a waiting shard do, through its `idle()` (if it has one), work the coming steps need,
    until `until()` or nothing is left. A failure there is left to the step that needs the work:
    it meets the same error and reports it."""
    idle = getattr(shard, "idle", None)
    try:
        while idle is not None and not until() and idle():
            pass
    except Exception:  # noqa: BLE001
        pass


class Shards:
    """The running shards; `each(step, ...)` runs a step in all of them, in parallel."""

    def __init__(self, local: Any, remotes: list[_Remote]) -> None:
        self._local = local
        self._remotes = remotes

    def each(self, step: str, *args: Any, last: bool = False) -> list[Any]:
        """Each shard's result of the step, this process's first; a step that yields gives the
        list of its parts. `last`: no step follows, the forked shards exit once they have answered."""
        for remote in self._remotes:
            remote.send(step, args, last)
        local = getattr(self._local, step)(*args)
        if isinstance(local, Iterator):
            parts = []
            for part in local:
                parts.append(part)
                for remote in self._remotes:
                    remote.take_ready()
            local = parts
        for remote in self._remotes:
            _work_ahead(self._local, until=remote.answered)
        return [local] + [remote.receive() for remote in self._remotes]


@contextmanager
def started(groups: list[list[Package]], make: Callable[[list[Package]], Any]) -> Iterator[Shards]:
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
