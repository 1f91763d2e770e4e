"""The `tagscan` entry point: Ctrl-C at any moment, even while the commands load, ends with one line
and exit 2, never a traceback."""

from __future__ import annotations

import runpy
import sys
from collections.abc import Iterator

import pytest


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
