"""Files tagscan writes for the user (`types -o`, `lint --output`, `init --force`) are written whole or
not at all: a failure keeps the previous file, leaves no temporary file, and the result has the mode
and place a plain `open` would give it."""

from __future__ import annotations

import os
import pathlib
import resource
import stat
import subprocess

import pytest

from tests.conftest import run_tagscan

MODEL = 'package app\n\ntype Order struct {\n\tID string `dynamorm:"pk"`\n}\n'
UMASK = 0o027

# (command, the file it writes, relative to the working directory)
WRITERS = {
    "types": (["types", "models", "--lang", "ts", "-o", "out/file"], "out/file"),
    "lint": (["lint", "models", "--format", "json", "--output", "out/file"], "out/file"),
    "init": (["init", "out", "--force"], "out/cdk.json"),
}


def tagscan(cwd: pathlib.Path, args: list[str], file_size_limit: int | None = None) -> subprocess.CompletedProcess[str]:
    def limits() -> None:
        os.umask(UMASK)
        if file_size_limit is not None:  # writes past it fail with EFBIG (Python ignores SIGXFSZ)
            resource.setrlimit(resource.RLIMIT_FSIZE, (file_size_limit, file_size_limit))

    done = run_tagscan(*args, cwd=cwd, env={"NO_COLOR": "1", "PYTHONDONTWRITEBYTECODE": "1"}, preexec_fn=limits)
    assert "Traceback" not in done.stderr, done.stderr
    return done


@pytest.fixture
def project(tmp_path: pathlib.Path) -> pathlib.Path:
    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "order.go").write_text(MODEL)
    (tmp_path / "out").mkdir()
    return tmp_path


@pytest.mark.parametrize("command", WRITERS)
def test_a_failed_write_keeps_the_previous_file_and_leaves_no_temporary(project, command):
    args, written = WRITERS[command]
    (project / written).write_text("previous\n")
    done = tagscan(project, args, file_size_limit=16)
    assert done.returncode == 2
    assert done.stderr == f"tagscan: error: cannot write {written}: File too large\n"
    assert (project / written).read_text() == "previous\n"
    assert sorted(p.name for p in (project / "out").iterdir()) == [pathlib.Path(written).name]


@pytest.mark.parametrize("command", WRITERS)
def test_a_new_file_has_the_mode_open_gives_and_an_old_file_keeps_its_own(project, command):
    args, written = WRITERS[command]
    assert tagscan(project, args).returncode in (0, 1)
    assert stat.S_IMODE((project / written).stat().st_mode) == 0o666 & ~UMASK
    (project / written).chmod(0o604)
    assert tagscan(project, args).returncode in (0, 1)
    assert stat.S_IMODE((project / written).stat().st_mode) == 0o604


@pytest.mark.parametrize("command", WRITERS)
def test_a_link_is_written_through(project, command):
    args, written = WRITERS[command]
    (project / "real").mkdir()
    (project / "real" / "target").write_text("previous\n")
    (project / written).symlink_to(project / "real" / "target")
    assert tagscan(project, args).returncode in (0, 1)
    assert (project / written).is_symlink()
    assert (project / "real" / "target").read_text() != "previous\n"
    assert sorted(p.name for p in (project / "real").iterdir()) == ["target"]
