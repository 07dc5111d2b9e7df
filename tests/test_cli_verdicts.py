"""The Helm an operator runs gives the SDK's verdict: every accept and reject sample,
through a Helm 3 release (gojsonschema) and a Helm 4 CLI, with `helm template -f`.

CI fetches both binaries (`.ci/run`): Helm 4 on PATH, Helm 3 by $HELM3_BIN.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from schema_gen import captures
from schema_gen.helm_engine import RenderRejected
from tests.conftest import CHART, TROUBLESHOOTING, load_yaml, render, with_both
from tests.test_api_rules import CASES, DIVISORS, TEMPLATE_CASES, _divisor, _volume


def _version(binary: str | None) -> str:
    if not binary:
        return ""
    done = subprocess.run([binary, "version", "--short"], capture_output=True, text=True)
    return done.stdout.strip()


HELMS = {"helm 3": os.environ.get("HELM3_BIN"), "helm 4": shutil.which("helm")}
VERSIONS = {name: _version(binary) for name, binary in HELMS.items()}
SAMPLES = [(p.name, load_yaml(p)) for p in sorted((CHART / "ci").glob("*-values.yaml"))]
SAMPLES += [(p.name, load_yaml(p)) for p in sorted(TROUBLESHOOTING.glob("*.yaml"))]
# The API-server corpus goes through Helm 3 only: gojsonschema is the validator that
# differs from the SDK's; the Helm 4 CLI shares the SDK's (test_engines compares them).
CORPUS = [(f"{rule} (bad)", with_both(bad)) for rule, bad, _good, _where in CASES]
CORPUS += [(f"{rule} (good)", with_both(good)) for rule, _bad, good, _where in CASES]
CORPUS += [
    (f"{rule} ({kind})", with_both(v))
    for rule, *pair, _ in TEMPLATE_CASES
    for kind, v in zip(("bad", "good"), pair, strict=True)
]
CORPUS += [(f"divisor {r}={d!r}", with_both(_volume(_divisor(r, d)))) for r, d, _ok in DIVISORS]
RUNS = [("helm 4", *s) for s in SAMPLES] + [("helm 3", *s) for s in SAMPLES + CORPUS]


def _sdk_renders(values: dict) -> bool:
    try:
        render(values)
    except RenderRejected:
        return False
    return True


@pytest.mark.parametrize(("helm", "name", "values"), RUNS, ids=[f"{r[0]}: {r[1]}" for r in RUNS])
def test_each_cli_gives_the_sdks_verdict(helm, name, values, tmp_path: Path):
    major = "v3." if helm == "helm 3" else "v4."
    if not VERSIONS[helm].startswith(major):
        pytest.skip(f"no {helm} CLI here (CI fetches it: see .ci/run)")
    path = tmp_path / "values.yaml"
    # JSON is YAML every Helm reads alike (PyYAML would leave "y" unquoted: a boolean).
    path.write_text(json.dumps(values), encoding="utf-8")
    done = subprocess.run(
        [HELMS[helm], "template", "agents", str(CHART), "-n", "agents", "-f", str(path)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert (done.returncode == 0) == _sdk_renders(values), done.stderr


def test_helm_lint_does_not_run_the_charts_cross_entry_checks():
    # Documented in docs/troubleshooting.md: helm lint logs a template's fail as info
    # and passes; helm template (or schema-gen lint) is the check to run.
    binary = HELMS["helm 4"] or HELMS["helm 3"]
    if not binary:
        pytest.skip("no helm CLI here")
    sample = TROUBLESHOOTING / "r3-duplicate-global.yaml"
    linted = subprocess.run(
        [binary, "lint", str(CHART), "-f", str(sample)], capture_output=True, text=True
    )
    assert linted.returncode == 0
    templated = subprocess.run(
        [binary, "template", "agents", str(CHART), "-f", str(sample)], capture_output=True
    )
    assert templated.returncode != 0


def test_the_helm_3_messages_on_the_troubleshooting_page_are_current():
    if not VERSIONS["helm 3"].startswith("v3."):
        pytest.skip("no Helm 3 CLI here (CI fetches it: see .ci/run)")
    stored = captures.helm3_messages(TROUBLESHOOTING)
    for path in captures.sample_files(TROUBLESHOOTING):
        fresh = captures.helm3_printed(
            HELMS["helm 3"], CHART, captures.values_of(path.read_text(encoding="utf-8"))
        )
        assert stored.get(path.name) == fresh, f"{path.name}: run `nox -s helm3_messages`"
