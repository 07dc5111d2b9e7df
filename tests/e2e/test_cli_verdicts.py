"""The Helm an operator runs gives the SDK's verdict: every accept and reject sample,
through a Helm 3 release (gojsonschema) and a Helm 4 CLI, with `helm template -f`.

Each binary is named by what `helm version` prints (tests/helm_clis.py): `.ci/run`
fetches both; the pull-request workflow runs a leg per Helm, and its Helm 3 leg names
its binary in $HELM3_BIN (test_workflows.py holds it to that).
"""

from __future__ import annotations

import functools
import json
import re
import subprocess
import tempfile
from pathlib import Path

import pytest

from schema_gen.tools.helm_engine import RenderRejected
from tests import helm_clis
from tests.conftest import CHART, TROUBLESHOOTING, load_yaml, render, with_both
from tests.shared.api_rules import CASES, DIVISORS, TEMPLATE_CASES, _divisor

# The troubleshooting samples' verdicts follow from the words each CLI prints for them,
# which test_troubleshooting.py compares with the pages'.
SAMPLES = [(p.name, load_yaml(p)) for p in sorted((CHART / "ci").glob("*-values.yaml"))]
# The API-server corpus goes through Helm 3 only: gojsonschema is the validator that
# differs from the SDK's; the Helm 4 CLI shares the SDK's (test_engines compares them).
# The checks that span fields (or entries) fail in the templates, which name only the
# first entry they meet: each of their documents runs alone.
STATED = [(f"{rule} (bad)", bad, False) for rule, bad, _good, _where in CASES]
STATED += [(f"{rule} (good)", good, True) for rule, _bad, good, _where in CASES]


def _only_volume(values: dict) -> dict | None:
    """Return the volume source of a document that holds one volume and nothing else."""
    entries = values.get("controllers", {}).get("extraVolumes", [])
    alone = len(entries) == 1 and values == {"controllers": {"extraVolumes": entries}}
    return entries[0]["volume"] if alone else None


ALONE = [
    (f"{rule} ({kind})", with_both(v))
    for rule, *pair, _ in TEMPLATE_CASES
    for kind, v in zip(("bad", "good"), pair, strict=True)
]
ALONE += [(name, with_both(v)) for name, v, _ok in STATED if _only_volume(v) is None]
RUNS = [(4, *s) for s in SAMPLES] + [(3, *s) for s in SAMPLES + ALONE]


# The rules of one volume entry are the schema's, but the divisor's, which the templates
# check (test_api_rules holds the SDK to each stated verdict). A Helm 3 run costs half a
# second, most of it compiling the schema, so the volumes go through it together: per
# stage, one file of those it must render, one of those it must refuse, in which
# gojsonschema or the templates name each entry refused by its index. A schema error
# stops the render before the templates run: hence a file per stage. Each volume keeps
# its own test.
VOLUMES = [(name, source, ok, "schema") for name, v, ok in STATED if (source := _only_volume(v))]
VOLUMES += [(f"divisor {r}={d!r}", _divisor(r, d), ok, "template") for r, d, ok in DIVISORS]


def _sdk_renders(values: dict) -> bool:
    try:
        render(values)
    except RenderRejected:
        return False
    return True


def _volumes(sources: list[dict]) -> dict:
    named = [{"name": f"v{i}", "volume": source} for i, source in enumerate(sources)]
    return with_both({"controllers": {"extraVolumes": named}})


@functools.cache
def _helm_3_on_volumes(renders: bool, stage: str) -> tuple[list[int], bool, str]:
    """Return which corpus volumes of ``stage`` are stated to render (or not), and Helm
    3's run over them all together: whether it rendered, and what it printed."""
    chosen = [i for i, (_n, _s, ok, at) in enumerate(VOLUMES) if (ok, at) == (renders, stage)]
    together = _volumes([VOLUMES[i][1] for i in chosen])
    # The premise of running them together: the SDK's verdict on all is its verdict on each.
    assert _sdk_renders(together) == renders, "the SDK's verdict on the volumes together"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "values.yaml"
        path.write_text(json.dumps(together), encoding="utf-8")
        done = helm_clis.template(3, "-f", str(path))
    return chosen, done.returncode == 0, done.stderr.decode(errors="replace")


@pytest.mark.parametrize(
    ("index", "renders", "stage"),
    [(i, ok, stage) for i, (_n, _s, ok, stage) in enumerate(VOLUMES)],
    ids=[f"helm 3: {name}" for name, *_ in VOLUMES],
)
def test_helm_3_gives_each_volume_its_stated_verdict(index, renders, stage):
    helm_clis.cli(3)
    chosen, rendered, said = _helm_3_on_volumes(renders, stage)
    at = chosen.index(index)
    if renders:
        assert rendered, said
    else:
        # gojsonschema: "- controllers.extraVolumes.3.volume...", a template: "...[3].volume"
        index_at = rf"\.{at}[.:]" if stage == "schema" else rf"\[{at}\]\."
        named = re.search(rf"^- controllers\.extraVolumes{index_at}", said, re.MULTILINE)
        assert not rendered and named, f"entry {at} is not named:\n{said}"


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
