"""The Helm an operator runs gives the SDK's verdict: every accept and reject sample,
through a Helm 3 release (gojsonschema) and a Helm 4 CLI, with `helm template -f`.

Each binary is named by what `helm version` prints (tests/helm_clis.py): `.ci/run`
fetches both; the pull-request workflow runs a leg per Helm, and its Helm 3 leg names
its binary in $HELM3_BIN (test_workflows.py holds it to that).
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from schema_gen.helm_engine import RenderRejected
from tests import helm_clis
from tests.conftest import CHART, TROUBLESHOOTING, load_yaml, render, with_both
from tests.test_api_rules import CASES, DIVISORS, TEMPLATE_CASES, _divisor, _volume

# The troubleshooting samples' verdicts follow from the words each CLI prints for them,
# which test_troubleshooting.py compares with the pages'.
SAMPLES = [(p.name, load_yaml(p)) for p in sorted((CHART / "ci").glob("*-values.yaml"))]
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
RUNS = [(4, *s) for s in SAMPLES] + [(3, *s) for s in SAMPLES + CORPUS]


def _sdk_renders(values: dict) -> bool:
    try:
        render(values)
    except RenderRejected:
        return False
    return True


@pytest.mark.parametrize(
    ("major", "name", "values"), RUNS, ids=[f"helm {r[0]}: {r[1]}" for r in RUNS]
)
def test_each_cli_gives_the_sdks_verdict(major, name, values, tmp_path: Path):
    path = tmp_path / "values.yaml"
    # JSON is YAML every Helm reads alike (PyYAML would leave "y" unquoted: a boolean).
    path.write_text(json.dumps(values), encoding="utf-8")
    done = helm_clis.template(major, "-f", str(path))
    assert (done.returncode == 0) == _sdk_renders(values), done.stderr


def test_helm_lint_does_not_run_the_charts_cross_entry_checks():
    # Documented in docs/troubleshooting.md: helm lint logs a template's fail as info
    # and passes; helm template (or schema-gen lint) is the check to run.
    binary = helm_clis.found().get(4) or helm_clis.found().get(3)
    if not binary:
        pytest.skip("no helm CLI here")
    sample = TROUBLESHOOTING / "r3-duplicate-volume-name.yaml"
    linted = subprocess.run(
        [binary, "lint", str(CHART), "-f", str(sample)], capture_output=True, text=True
    )
    assert linted.returncode == 0
    templated = subprocess.run(
        [binary, "template", "agents", str(CHART), "-f", str(sample)], capture_output=True
    )
    assert templated.returncode != 0
