"""Hostile and odd values files: lint and explain give Helm's verdict, never a traceback, a
hang or a forged line; and a killed generate leaves every file whole."""

from __future__ import annotations

from pathlib import Path

import helm_python
import pytest

from schema_gen.tools.helm_engine import RenderRejected
from tests.conftest import render
from tests.shared.adversarial import EXPECTED, SAMPLES


def helm_verdict(path: Path) -> int:
    """Return what Helm's engine says of the file: 0 renders, 1 refused, 2 cannot read it."""
    try:
        values = helm_python.values_from_yaml(path.read_bytes().decode("utf-8"))
    except (helm_python.HelmError, UnicodeDecodeError):
        return 2
    try:
        render(values)
    except RenderRejected:
        return 1
    return 0


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_helms_engine_gives_each_sample_its_stated_verdict(sample):
    assert helm_verdict(sample) == EXPECTED[sample.stem][0], EXPECTED[sample.stem][1]
