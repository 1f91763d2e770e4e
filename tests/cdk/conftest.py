"""Fixtures of the construct tests: every test stack is synthesized once per session (a synth costs ~2 s)."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from aws_cdk import Stack

Template = dict[str, Any]


# The stack modules are imported on first use: importing aws_cdk starts Node, and the fast test loop
# (slow tests deselected) loads this conftest for tests/cdk/test_bundled_models.py alone.
def builders() -> dict[str, Callable[[str], Stack]]:
    """Every scenario and test stack by name."""
    from tests.cdk.scenarios import SCENARIOS
    from tests.cdk.stacks import STACKS

    return {**SCENARIOS, **STACKS}


def reference_template(scenario: str) -> Template:
    from tests.cdk.scenarios import SEED

    template: Template = json.loads((SEED / "templates" / f"{scenario}.template.json").read_text(encoding="utf-8"))
    return template


def synthesize(stack: Stack) -> Template:
    assembly = stack.node.root.synth()  # type: ignore[attr-defined]
    template: Template = assembly.get_stack_by_name(stack.stack_name).template
    return template


@pytest.fixture(scope="session")
def build_stack(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Stack]:
    """The stack of a scenario or test stack by name, built once; its app synthesizes into a temp dir."""

    by_name = builders()

    @functools.cache
    def build(name: str) -> Stack:
        return by_name[name](str(tmp_path_factory.mktemp(name)))

    return build


@pytest.fixture(scope="session")
def template_of(build_stack: Callable[[str], Stack]) -> Callable[[str], Template]:
    """The synthesized template of a scenario or test stack by name, synthesized once."""

    @functools.cache
    def template(name: str) -> Template:
        return synthesize(build_stack(name))

    return template
