"""Hostile and odd values files: lint and explain give Helm's verdict, never a traceback, a
hang or a forged line; and a killed generate leaves every file whole."""

from __future__ import annotations

from tests.shared.adversarial import EXPECTED, SAMPLES


def test_every_sample_states_its_verdict():
    assert sorted(EXPECTED) == [sample.stem for sample in SAMPLES]
