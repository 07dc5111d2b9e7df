"""Where helm-python-sdk has no native library (Intel macOS, musl, older glibc), schema-gen
gives the same verdicts through the helm CLI on PATH, or says in one line what to do.

The library's absence is real, not mocked: ``HELM_C_LIB`` points the SDK at a file that
is no library, and its import fails as it does where pip built it from its sdist.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import CHART, TROUBLESHOOTING
from tests.shared.adversarial import SAMPLES

SCHEMA_GEN = [sys.executable, "-m", "schema_gen"]
# Helm's own samples, the docs' error samples and the adversarial files: every verdict.
FILES = [
    *sorted((CHART / "ci").glob("*.yaml")),
    *sorted(TROUBLESHOOTING.rglob("*.yaml"))[::4],  # a spread of the 133; each is a verdict
    *SAMPLES,
]


def _env(tmp_path: Path, *, sdk: bool, path: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("SCHEMA_GEN_HELM", "HELM_C_LIB")}
    if not sdk:
        broken = tmp_path / "libhelm_c.so"
        broken.write_bytes(b"not a shared library")
        env["HELM_C_LIB"] = str(broken)
    return env | {"PATH": path, "HELM_CONFIG_HOME": str(tmp_path / "helm"),
                  "HELM_CACHE_HOME": str(tmp_path / "helm")}  # fmt: skip


def _lint(env: dict[str, str], *args: str | Path) -> subprocess.CompletedProcess:
    return subprocess.run([*SCHEMA_GEN, "lint", *map(str, args)], capture_output=True,
                          text=True, env=env, check=False)  # fmt: skip


def test_without_the_library_the_helm_cli_gives_the_same_verdict_on_every_file(tmp_path):
    helm = shutil.which("helm")
    if not helm:
        pytest.skip("no helm CLI on PATH")
    path = os.environ["PATH"]
    with_sdk = _lint(_env(tmp_path, sdk=True, path=path), "--each", *FILES)
    without = _lint(_env(tmp_path, sdk=False, path=path), "--each", *FILES)
    assert {with_sdk.returncode, without.returncode} == {2}  # the set holds unreadable files
    assert without.stdout == with_sdk.stdout
    assert without.stderr == with_sdk.stderr
    # ... and the library is really gone there: without a helm CLI the same run stops.
    no_cli = os.pathsep.join(p for p in path.split(os.pathsep) if not (Path(p) / "helm").exists())
    assert _lint(_env(tmp_path, sdk=False, path=no_cli), *FILES[:1]).returncode == 2


@pytest.mark.parametrize("command", ["lint", "explain"])
def test_without_the_library_or_a_helm_cli_one_line_names_the_platforms_and_the_way_out(
    tmp_path, command
):
    path = os.pathsep.join(
        p for p in os.environ["PATH"].split(os.pathsep) if not (Path(p) / "helm").exists()
    )
    env = _env(tmp_path, sdk=False, path=path)
    done = subprocess.run([*SCHEMA_GEN, command, str(CHART / "ci" / "gitops-values.yaml")],
                          capture_output=True, text=True, env=env, check=False)  # fmt: skip
    assert done.returncode == 2
    assert done.stdout == ""
    (line,) = done.stderr.splitlines()
    assert line.startswith("schema-gen: Helm's Go SDK (helm-python-sdk) cannot load")
    for words in ("Intel macOS", "musl (Alpine)", "older glibc", "Put a helm CLI"):
        assert words in line
