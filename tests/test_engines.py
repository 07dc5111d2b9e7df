"""The helm CLI and Helm's Go SDK, the two engines the adapter drives, give the same results.

Runs where a helm binary is on PATH (CI has only the SDK); there it renders every
sample with both engines and compares the objects, the notes and the errors.
"""

from __future__ import annotations

import shutil

import pytest

from schema_gen import helm_engine
from tests.conftest import CHART, TROUBLESHOOTING, load_yaml

SAMPLES = sorted((CHART / "ci").glob("*-values.yaml")) + sorted(TROUBLESHOOTING.glob("*.yaml"))
pytestmark = pytest.mark.skipif(not shutil.which("helm"), reason="no helm CLI on PATH")


def _outcome(engine: str, values: dict, monkeypatch) -> tuple:
    monkeypatch.setenv("SCHEMA_GEN_HELM", engine)
    try:
        rendered = helm_engine.render(CHART, values)
    except helm_engine.RenderRejected as error:
        return ("rejected", error.stage, error.message)
    objects = sorted(rendered.objects, key=lambda o: (o["kind"], o["metadata"]["name"]))
    return ("rendered", objects, rendered.notes.strip())


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_cli_and_sdk_agree(sample, monkeypatch):
    values = load_yaml(sample)
    assert _outcome("cli", values, monkeypatch) == _outcome("sdk", values, monkeypatch)
