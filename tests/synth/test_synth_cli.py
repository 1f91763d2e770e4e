"""`tagscan synth` and `tagscan init` as a user runs them: output, exit codes, refusal, atomicity, cache."""

from __future__ import annotations

import json
import pathlib
import shutil
import subprocess
import sys
from collections.abc import Callable

import pytest
from typer.testing import Result

from tests.conftest import ROOT, TAGSCAN, process_stats, run_tagscan
from tests.synth.conftest import MODELS, Synthesized, synthesize

MISSING_PK = 'package m\n\ntype Broken struct {\n\tA string `dynamorm:"sk"`\n}\n\nfunc (Broken) TableName() string { return "brokens" }\n'
UNRESOLVED = 'package m\n\ntype Cfg struct {\n\tID string `dynamorm:"pk"`\n}\n\nfunc (Cfg) TableName() string { return prefix() + "-cfg" }\n'


def go_models(directory: pathlib.Path, source: str) -> pathlib.Path:
    directory.mkdir(parents=True)
    (directory / "models.go").write_text(source, encoding="utf-8")
    return directory


def snapshot(directory: pathlib.Path) -> dict[str, bytes]:
    return {p.relative_to(directory).as_posix(): p.read_bytes() for p in sorted(directory.rglob("*")) if p.is_file()}


def copy_assembly(assembly: Synthesized, tmp_path: pathlib.Path) -> pathlib.Path:
    output = tmp_path / "cdk.out"
    shutil.copytree(assembly.output, output)
    return output


@pytest.mark.slow  # a synth starts Node (jsii)
def test_synth_prints_the_tables_and_writes_a_deployable_assembly(fixture_assembly: Synthesized) -> None:
    lines = fixture_assembly.stdout.splitlines()
    assert lines[0] == "stack DynamORMModels: 3 tables"
    rows = {line.split()[0]: line.split() for line in lines[2:5]}
    assert rows["RateLimitTable"][1:3] == ["RateLimit-<account>-<region>", "RATELIMITTABLE_TABLE_NAME"]
    assert "gsi-ip(ipAddress)" in rows["RateLimitTable"]
    assert rows["EventTable"][3:5] == ["eventID:S", "timestamp:S"]
    assert lines[-1] == f"wrote {fixture_assembly.output}"
    manifest = json.loads((fixture_assembly.output / "manifest.json").read_text())
    assert manifest["artifacts"]["DynamORMModels"]["type"] == "aws:cloudformation:stack"
    assert len(fixture_assembly.resources()) == 3


@pytest.mark.slow  # a synth starts Node (jsii)
def test_synth_ends_its_node_kernel_and_exits_cleanly(tmp_path: pathlib.Path) -> None:
    # The jsii kernel is terminated once the assembly is written (cdk_bridge.kernel): no Node
    # process of the synth's session outlives it, and nothing lands on stderr.
    process = subprocess.Popen(
        [*TAGSCAN, "synth", str(MODELS), "-o", str(tmp_path / "cdk.out")],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT, start_new_session=True,
    )
    stdout, stderr = process.communicate(timeout=300)
    assert process.returncode == 0, stdout + stderr
    assert stderr == ""
    assert stdout.endswith(f"wrote {tmp_path / 'cdk.out'}\n")
    assert json.loads((tmp_path / "cdk.out" / "manifest.json").read_text())["artifacts"]["DynamORMModels"]
    assert session_members(process.pid) == []


def session_members(session: int) -> list[str]:
    """Command lines of the live processes in a session."""
    return [
        pathlib.Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        for pid, fields in process_stats()
        if int(fields[3]) == session and fields[0] != "Z"
    ]


@pytest.mark.slow  # a synth starts Node (jsii)
def test_unchanged_models_reuse_the_assembly_without_writing(fixture_assembly: Synthesized, tmp_path: pathlib.Path) -> None:
    output = copy_assembly(fixture_assembly, tmp_path)
    before = {p: p.stat().st_mtime_ns for p in output.iterdir()}
    done = run_tagscan("synth", MODELS, "-o", output)
    assert done.returncode == 0, done.stderr
    assert done.stdout.endswith(f"{output} is up to date (use --force to synthesize again)\n")
    assert "RateLimitTable" in done.stdout
    assert {p: p.stat().st_mtime_ns for p in output.iterdir()} == before


@pytest.mark.slow  # a synth starts Node (jsii)
def test_the_cache_check_does_not_load_the_cdk(fixture_assembly: Synthesized, tmp_path: pathlib.Path) -> None:
    output = copy_assembly(fixture_assembly, tmp_path)
    probe = (
        "import sys\nfrom tagscan.cli import app\n"
        f"sys.argv = ['tagscan', 'synth', {str(MODELS)!r}, '-o', {str(output)!r}]\n"
        "try:\n    app()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('aws_cdk', 'jsii', 'cdk_bridge')), file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=False)
    assert "is up to date" in done.stdout
    assert done.stderr.strip().splitlines()[-1] == "[]"


@pytest.mark.slow  # a synth starts Node (jsii)
def test_a_tampered_assembly_is_synthesized_again(fixture_assembly: Synthesized, tmp_path: pathlib.Path) -> None:
    output = copy_assembly(fixture_assembly, tmp_path)
    (output / "DynamORMModels.template.json").write_text("{}", encoding="utf-8")
    again = synthesize(MODELS, output)
    assert again.stdout.endswith(f"wrote {output}\n")
    assert again.template_path.read_bytes() == fixture_assembly.template_path.read_bytes()


@pytest.mark.slow  # a synth starts Node (jsii)
def test_force_synthesizes_even_when_up_to_date(fixture_assembly: Synthesized, tmp_path: pathlib.Path) -> None:
    output = copy_assembly(fixture_assembly, tmp_path)
    stamp = (output / "tagscan-synth.json").stat().st_mtime_ns
    forced = synthesize(MODELS, output, "--force")
    assert forced.stdout.endswith(f"wrote {output}\n")
    assert (output / "tagscan-synth.json").stat().st_mtime_ns != stamp


@pytest.mark.slow  # a synth starts Node (jsii)
def test_changed_options_miss_the_cache_and_reach_the_template(fixture_assembly: Synthesized, tmp_path: pathlib.Path) -> None:
    output = copy_assembly(fixture_assembly, tmp_path)
    changed = synthesize(
        MODELS, output, "--billing-mode", "PROVISIONED", "--removal-policy", "DESTROY", "--no-deletion-protection",
        "--no-pitr", "--tag", "team=payments", "--stack-name", "DynamORMModels", "--account", "123456789012",
        "--region", "eu-west-1",
    )
    assert "RateLimit-123456789012-eu-west-1" in changed.stdout
    for table in changed.resources().values():
        properties = table["Properties"]
        assert "BillingMode" not in properties  # CloudFormation's default: PROVISIONED
        assert properties["ProvisionedThroughput"] == {"ReadCapacityUnits": 5, "WriteCapacityUnits": 5}
        assert table["DeletionPolicy"] == "Delete"
        assert "DeletionProtectionEnabled" not in properties or properties["DeletionProtectionEnabled"] is False
        assert properties["PointInTimeRecoverySpecification"] == {"PointInTimeRecoveryEnabled": False}
        assert {"Key": "team", "Value": "payments"} in properties["Tags"]
    names = {t["Properties"]["TableName"] for t in changed.resources().values()}
    assert names == {"Event-123456789012-eu-west-1", "Idempotency-123456789012-eu-west-1", "RateLimit-123456789012-eu-west-1"}


@pytest.mark.slow  # a synth starts Node (jsii)
def test_a_failed_synth_leaves_the_existing_output_exactly_as_it_was(tmp_path: pathlib.Path) -> None:
    output = tmp_path / "cdk.out"
    output.mkdir()
    (output / "previous.template.json").write_text('{"Resources": {}}', encoding="utf-8")
    (output / "manifest.json").write_text('{"version": "48.0.0"}', encoding="utf-8")
    config = tmp_path / "tagscan.toml"
    config.write_text("[synth.tables.NO_SUCH_TABLE]\npitr = true\n", encoding="utf-8")
    before = snapshot(output)
    done = run_tagscan("synth", MODELS, "-o", output, "--config", config)
    assert done.returncode == 2
    assert "tagscan: error: table override(s) for NO_SUCH_TABLE: no such table" in done.stderr
    assert "Traceback" not in done.stderr
    assert snapshot(output) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cdk.out", "tagscan.toml"]  # no staging left behind


def copy_models(directory: pathlib.Path) -> pathlib.Path:
    shutil.copytree(MODELS, directory)
    return directory


@pytest.mark.parametrize("force", [[], ["--force"]], ids=["plain", "force"])
def test_synth_never_replaces_a_directory_of_user_files(tmp_path: pathlib.Path, force: list[str], cli: Callable[..., Result]) -> None:
    output = tmp_path / "mine"
    output.mkdir()
    (output / "notes.txt").write_text("keep me", encoding="utf-8")
    done = cli("synth", MODELS, "-o", output, *force)
    assert done.exit_code == 2, done.stdout + done.stderr
    assert "is not empty and is not a cloud assembly (no manifest.json)" in done.stderr
    assert "Traceback" not in done.stderr
    assert snapshot(output) == {"notes.txt": b"keep me"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine"]


def test_synth_refuses_to_write_over_the_models_it_reads(tmp_path: pathlib.Path, cli: Callable[..., Result]) -> None:
    models = copy_models(tmp_path / "models")
    before = snapshot(models)
    for output in (models, tmp_path):
        done = cli("synth", models, "-o", output, "--force", cwd=tmp_path / "models")
        assert done.exit_code == 2, done.stdout + done.stderr
        assert "synth replaces its output directory whole, choose another -o" in done.stderr
    assert snapshot(models) == before


@pytest.mark.parametrize("output", [".", "$PWD"])
def test_synth_refuses_the_project_root_as_output(tmp_path: pathlib.Path, output: str, cli: Callable[..., Result]) -> None:
    project = tmp_path / "project"
    copy_models(project / "models")
    (project / "cdk.out").mkdir()
    (project / "README.md").write_text("mine", encoding="utf-8")
    before = snapshot(project)
    done = cli("synth", "models", "-o", str(project) if output == "$PWD" else output, cwd=project)
    assert done.exit_code == 2, done.stdout + done.stderr
    assert "holds the current directory" in done.stderr
    assert snapshot(project) == before


@pytest.mark.slow  # a synth starts Node (jsii)
def test_synth_writes_through_a_link_to_its_output_and_keeps_the_link(tmp_path: pathlib.Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    links = tmp_path / "links"
    links.mkdir()
    (links / "cdk.out").symlink_to(real, target_is_directory=True)
    synthesize(MODELS, links / "cdk.out")
    assert (links / "cdk.out").is_symlink() and (links / "cdk.out").resolve() == real.resolve()
    assert (real / "manifest.json").is_file()
    assert sorted(p.name for p in links.iterdir()) == ["cdk.out"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["links", "real"]


@pytest.mark.parametrize(
    ("source", "expected"),
    [(MISSING_PK, "TS201"), (UNRESOLVED, "TS601")],
    ids=["lint-error", "unresolved-table-name"],
)
def test_models_with_lint_errors_are_refused_and_nothing_is_written(tmp_path: pathlib.Path, source: str, expected: str, cli: Callable[..., Result]) -> None:
    models = go_models(tmp_path / "models", source)
    done = cli("synth", models, "-o", tmp_path / "cdk.out")
    assert done.exit_code == 1
    assert expected in done.stdout
    assert "nothing was written" in done.stderr
    assert not (tmp_path / "cdk.out").exists()


@pytest.mark.slow  # a synth starts Node (jsii)
def test_synth_excludes_what_lint_excludes(tmp_path: pathlib.Path) -> None:
    # `exclude` is written relative to the configuration file; synth reads it as lint does.
    models = tmp_path / "models"
    models.mkdir()
    shutil.copy(ROOT / "fixtures" / "rules" / "seed" / "models.go", models / "legacy.go")  # a time.Time TTL: TS208
    (tmp_path / "tagscan.toml").write_text('exclude = ["models/legacy.go"]\n')
    assert run_tagscan("lint", models, cwd=tmp_path).returncode == 0
    done = run_tagscan("synth", models, "-o", tmp_path / "cdk.out", cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert (tmp_path / "cdk.out" / "manifest.json").is_file()


def test_bad_flags_are_usage_errors(tmp_path: pathlib.Path, cli: Callable[..., Result]) -> None:
    done = cli("synth", MODELS, "-o", tmp_path / "out", "--tag", "novalue")
    assert done.exit_code == 2
    assert "tagscan: error: --tag 'novalue': expected KEY=VALUE" in done.stderr
    assert cli("synth", MODELS, "--billing-mode", "FREE").exit_code == 2
    assert cli("synth", tmp_path / "missing").exit_code == 2


def test_init_writes_cdk_json_and_never_overwrites_without_force(tmp_path: pathlib.Path, cli: Callable[..., Result]) -> None:
    done = cli("init", tmp_path, "--models", MODELS, "--stack-name", "Shop")
    assert done.exit_code == 0, done.stderr
    cdk_json = json.loads((tmp_path / "cdk.json").read_text())
    assert cdk_json["app"] == "python3 -m cdk_bridge"
    assert cdk_json["context"] == {"tagscan:models": str(MODELS), "tagscan:stackName": "Shop"}
    (tmp_path / "cdk.json").write_text("mine", encoding="utf-8")
    refused = cli("init", tmp_path)
    assert refused.exit_code == 2 and "exists; use --force" in refused.stderr
    assert (tmp_path / "cdk.json").read_text() == "mine"
    assert cli("init", tmp_path, "--force").exit_code == 0
    assert json.loads((tmp_path / "cdk.json").read_text())["context"]["tagscan:models"] == "./models"


def test_init_puts_the_synth_config_into_the_cdk_context(tmp_path: pathlib.Path, cli: Callable[..., Result]) -> None:
    (tmp_path / "tagscan.toml").write_text('[synth]\nregion = "eu-west-1"\nstack-name = "Shop"\n', encoding="utf-8")
    assert cli("init", tmp_path).exit_code == 0
    context = json.loads((tmp_path / "cdk.json").read_text())["context"]
    assert context["tagscan:stackName"] == "Shop"
    assert context["tagscan:options"] == {"region": "eu-west-1"}
