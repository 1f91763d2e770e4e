"""Every fixtures/go/<case>/ scans to its reviewed expected.json."""

import json

import pytest

from tests.scan.golden import cases, render, scanned


def test_every_case_has_a_golden_file():
    assert cases(), "no fixture cases found"
    assert [c.name for c in cases() if not (c / "expected.json").is_file()] == []


@pytest.mark.parametrize("case", cases(), ids=lambda c: c.name)
def test_scan_matches_golden(case):
    expected = json.loads((case / "expected.json").read_text())
    actual = json.loads(render(scanned(case)))
    assert actual == expected
