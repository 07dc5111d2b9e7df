"""The helm CLI and Helm's Go SDK, the two engines the adapter drives, give the same results.

Runs where a helm binary is on PATH (CI has only the SDK); there it renders every
sample with both engines and compares the objects, the notes and the errors.
"""

from __future__ import annotations

import shutil
import subprocess

import pytest

from schema_gen.tools import helm_engine
from tests.conftest import CHART, TROUBLESHOOTING, load_yaml

SAMPLES = sorted((CHART / "ci").glob("*-values.yaml")) + sorted(TROUBLESHOOTING.glob("*.yaml"))


def _cli_major() -> str:
    if not shutil.which("helm"):
        return ""
    done = subprocess.run(["helm", "version", "--short"], capture_output=True, text=True)
    return done.stdout.strip()[:2]


# The CLI engine renders with `helm install --dry-run=client`, which Helm 3 runs only
# against a reachable cluster; with Helm 3 on PATH the SDK is the engine.
pytestmark = pytest.mark.skipif(_cli_major() != "v4", reason="no Helm 4 CLI on PATH")


def _outcome(engine: str, values: dict, monkeypatch) -> tuple:
    monkeypatch.setenv("SCHEMA_GEN_HELM", engine)
    try:
        rendered = helm_engine.render(CHART, values)
    except helm_engine.RenderRejected as error:
        # Both list several schema problems in Go's map order, which changes between runs.
        return ("rejected", error.stage, sorted(error.message.splitlines()))
    objects = sorted(rendered.objects, key=lambda o: (o["kind"], o["metadata"]["name"]))
    return ("rendered", objects, rendered.notes.strip())


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_cli_and_sdk_agree(sample, monkeypatch):
    values = load_yaml(sample)
    assert _outcome("cli", values, monkeypatch) == _outcome("sdk", values, monkeypatch)
