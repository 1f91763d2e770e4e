"""A synth is never lost to the early stop of its jsii kernel (cdk_bridge/kernel.py).

The early stop reaches into jsii's private attributes. These tests run the real ``tagscan synth``
in a process where jsii lacks them, or where stopping Node fails, and expect what a synth whose
stop works gives: the same assembly, the same output, exit 0, no Node process left behind.
"""

from __future__ import annotations

import pathlib
import subprocess
import sys
import time

import pytest

from tests.conftest import process_stats
from tests.synth.conftest import MODELS

# Run in the synth process before the command; jsii is imported, its Node not started yet.
BREAKAGES = {
    # A jsii whose kernel keeps its Node process under another name: the lookup fails.
    "kernel-without-process": "import jsii._kernel\njsii._kernel.Kernel = type('Kernel', (), {})\n",
    # Terminating Node fails (say, not permitted): the failure comes after the lookup.
    "terminate-fails": (
        "import subprocess\n"
        "def refuse(self):\n    raise PermissionError(1, 'Operation not permitted')\n"
        "subprocess.Popen.terminate = refuse\n"
    ),
}
SYNTH = "import sys\nsys.argv = ['tagscan', 'synth', {models!r}, '-o', 'cdk.out']\nfrom tagscan.__main__ import main\nmain()\n"


def synth_in(directory: pathlib.Path, breakage: str = "") -> subprocess.CompletedProcess[str]:
    directory.mkdir()
    script = breakage + SYNTH.format(models=str(MODELS))
    process = subprocess.Popen(
        [sys.executable, "-c", script], cwd=directory, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        start_new_session=True,
    )
    stdout, stderr = process.communicate(timeout=300)
    assert _session_left(process.pid) == [], "a Node process outlived the synth"
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)


def _session_left(session: int) -> list[int]:
    # jsii's own shutdown waits for Node; allow the kernel a moment to be reaped all the same.
    deadline = time.monotonic() + 10
    while True:
        left = [pid for pid, fields in process_stats() if int(fields[3]) == session and fields[0] != "Z"]
        if not left or time.monotonic() > deadline:
            return left
        time.sleep(0.1)


def assembly(directory: pathlib.Path) -> dict[str, bytes]:
    output = directory / "cdk.out"
    return {p.relative_to(output).as_posix(): p.read_bytes() for p in sorted(output.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def working_stop(tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess[str], dict[str, bytes]]:
    directory = tmp_path_factory.mktemp("stop") / "synth"
    done = synth_in(directory)
    assert done.returncode == 0, done.stderr
    return done, assembly(directory)


@pytest.mark.slow
@pytest.mark.parametrize("breakage", sorted(BREAKAGES))
def test_a_failing_kernel_stop_keeps_the_assembly_the_output_and_exit_0(
    breakage: str, working_stop: tuple[subprocess.CompletedProcess[str], dict[str, bytes]], tmp_path: pathlib.Path
) -> None:
    expected, expected_files = working_stop
    done = synth_in(tmp_path / "synth", BREAKAGES[breakage])
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == expected.stdout
    assert done.stdout.endswith("wrote cdk.out\n")
    assert assembly(tmp_path / "synth") == expected_files
