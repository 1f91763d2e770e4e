"""The `tagscan` entry point: Ctrl-C at any moment, even while the commands load, ends with one line
and exit 2, never a traceback."""

from __future__ import annotations

import runpy
import sys
from collections.abc import Iterator

import pytest

from tests.conftest import FIXTURES, run_tagscan


class CtrlCWhileLoading:
    """A finder that answers the import of the CLI with the KeyboardInterrupt a Ctrl-C raises there."""

    def find_spec(self, name: str, path: object = None, target: object = None) -> None:
        if name == "tagscan.cli":
            raise KeyboardInterrupt


@pytest.fixture
def ctrl_c_while_the_cli_loads() -> Iterator[None]:
    loaded = {name: module for name, module in sys.modules.items() if name == "tagscan.cli" or name.startswith("tagscan.cli.")}
    for name in loaded:
        del sys.modules[name]
    finder = CtrlCWhileLoading()
    sys.meta_path.insert(0, finder)
    try:
        yield
    finally:
        sys.meta_path.remove(finder)
        sys.modules.update(loaded)


def test_ctrl_c_while_the_commands_load_is_one_line_and_exit_2(ctrl_c_while_the_cli_loads, capsys):
    code = None
    try:
        runpy.run_module("tagscan", run_name="__main__")  # what `python -m tagscan` runs
    except SystemExit as ended:
        code = ended.code
    except KeyboardInterrupt:
        pytest.fail("the interrupt escaped the entry point: the user sees a traceback")
    assert code == 2
    assert capsys.readouterr().err == "tagscan: error: interrupted\n"


def test_a_command_that_ends_without_freeing_its_scan_writes_all_its_output(cli):
    """scan and lint end the process with os._exit (tagscan/cli/lifetime.py): what they wrote to a pipe
    must all be there, byte for byte as the same command run in-process, with the same exit code."""
    for args, code in (
        (["scan", str(FIXTURES), "--format", "json", "--full"], 0),
        (["lint", str(FIXTURES / "rules"), "--format", "json"], 1),
    ):
        ended = run_tagscan(*args)
        in_process = cli(*args)
        assert ended.returncode == in_process.exit_code == code, ended.stderr
        assert len(ended.stdout) > 10_000 and ended.stdout == in_process.stdout
