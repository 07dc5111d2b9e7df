"""Differential: every values file upstream 0.9.29 renders, this chart renders alike.

Hypothesis draws installs (release, namespace, values file) from upstream's interface
(tests/property/upstream_values.py); each is written as a file and read as Helm 3 and
as Helm 4 read it (they differ on a file of several documents), and each reading is
judged by tests/differential.py against upstream's render of the same reading. A
failure names the field, both values and the shrunk file. ``nox -s differential -- N``
runs N examples and keeps each shrunk failure in regressions/differential/, which
every run replays. The page's entries that no example exercised are reported as a
warning.
"""

from __future__ import annotations

import collections
import hashlib
import os
import warnings
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, note, settings
from hypothesis import strategies as st

from schema_gen.tools import values_decoding
from tests import differential
from tests.property import upstream_values

settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

# Each example costs two renders and the API server's checks of both; see noxfile.py
# for what CI runs and what that takes.
EXAMPLES = int(os.environ.get("DIFFERENTIAL_EXAMPLES", "300"))
REGRESSIONS = Path(__file__).parent / "regressions" / "differential"
# `nox -s differential` keeps each shrunk failure as a regression file.
KEEP = os.environ.get("DIFFERENTIAL_KEEP") == "1"

_USED: collections.Counter[str] = collections.Counter()
_LAST_FAILING: list[str] = []


def readings(text: str) -> list[dict[str, Any]]:
    """Return the values Helm 3 and Helm 4 read from ``text``: one when they agree."""
    raw = text.encode("utf-8")
    path = Path("values.yaml")
    found = [values_decoding.helm3_reading(path, raw).data]
    if not values_decoding.helm4_reads_as_helm3(path, raw):
        helm4 = values_decoding.helm4_reading(path, raw).data
        if helm4 != found[0]:
            found.append(helm4)
    return found


@st.composite
def files(draw: st.DrawFn) -> str:
    """Return a values file as an operator writes it: mostly one document; sometimes two,
    the way an overlay pasted below a base file reads (Helm 3 keeps the first, Helm 4
    merges them)."""
    release, namespace, values = draw(upstream_values.installs())
    text = differential.values_file(values, release, namespace)
    if len(values) > 1 and draw(st.integers(0, 19)) == 0:
        keys = list(values)
        cut = draw(st.integers(1, len(keys) - 1))
        first = {k: values[k] for k in keys[:cut]}
        second = {k: values[k] for k in keys[cut:]}
        text = differential.values_file(first, release, namespace) + "---\n"
        text += differential.values_file(second, release, namespace).split("\n", 1)[1]
    return text


def check(text: str) -> set[str]:
    """Assert that every Helm reading of ``text`` renders alike in both charts; return the
    page's entries that excused something."""
    release, namespace = differential.install_of(text)
    used: set[str] = set()
    for values in readings(text):
        verdict = differential.judge(values, release, namespace)
        used |= verdict.used
        if verdict.problems:
            _LAST_FAILING[:] = [text]
            raise AssertionError(differential.failure(verdict, text))
    return used


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(files())
def _every_install_renders_alike(text):
    note(text)
    used = check(text)
    _USED.update(used)
    for title in used:
        event(f"entry: {title}")


def _keep(text: str) -> Path:
    REGRESSIONS.mkdir(parents=True, exist_ok=True)
    name = hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
    path = REGRESSIONS / f"found-{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_upstreams_installs_render_alike_here():
    _USED.clear()
    try:
        _every_install_renders_alike()
    except BaseException:
        if KEEP and _LAST_FAILING:
            print(f"kept the shrunk values file as {_keep(_LAST_FAILING[0])}")
        raise
    unexercised = [t for t in differential.entry_titles() if not _USED[t]]
    if unexercised:
        warnings.warn(
            f"{EXAMPLES} examples exercised no difference of: " + "; ".join(unexercised),
            stacklevel=1,
        )


@pytest.mark.parametrize(
    "sample", sorted(REGRESSIONS.glob("*.yaml")), ids=lambda p: p.stem
)  # fmt: skip
def test_files_that_once_differed(sample):
    check(sample.read_text(encoding="utf-8"))
