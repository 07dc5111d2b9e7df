"""kustomize itself is the oracle: the values lint builds for a ``helmCharts`` entry are the
values ``kubectl kustomize --enable-helm`` hands Helm, on every kustomize test stack and
on generated ones.

kubectl (v1.35, kustomize v5.7.1 inside) runs a wrapper as its Helm: the wrapper keeps
the ``-f`` files kustomize passes to ``helm template`` and answers ``helm version`` with a
real Helm 3's. The kept files, read as Helm 4 and Helm 3 read them and merged as ``-f``
merges them, must be the stack's values as lint builds them for each Helm; a stack
kustomize refuses, lint refuses (exit 2).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from schema_gen.tools.stacks import kustomize
from schema_gen.tools.stacks.layers import Stack, StackError, replay
from schema_gen.tools.values_decoding import merge_maps
from schema_gen.tools.values_files import Source, UnreadableValues, decoded
from tests import helm_clis
from tests.conftest import CHART
from tests.shared.stacks import (
    KUSTOMIZE_REFUSED,
    KUSTOMIZE_ROOTS,
    KUSTOMIZE_STACKS,
    with_local_chart,
    write_tree,
)

WRAPPER = """#!/bin/sh
# kustomize's Helm: keep the -f files of `helm template`, answer `helm version` truly.
case "$1" in version) exec {helm3} version --short;; esac
n=0; previous=""
for arg in "$@"; do
  if [ "$previous" = "-f" ]; then n=$((n+1)); cp "$arg" "$CAPTURE/values-$n.yaml"; fi
  previous="$arg"
done
"""


@pytest.fixture(scope="module")
def kubectl(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    """Return kubectl and the Helm wrapper kustomize is to run."""
    binary = shutil.which("kubectl")
    if binary is None:
        if os.environ.get("CI") == "true":
            pytest.fail("no kubectl on PATH: .ci/run puts one there")
        pytest.skip("no kubectl on PATH (kustomize inside it is this test's oracle)")
    wrapper = tmp_path_factory.mktemp("helm") / "helm"
    wrapper.write_text(WRAPPER.format(helm3=helm_clis.cli(3)), encoding="utf-8")
    wrapper.chmod(0o755)
    return binary, wrapper


def _kustomized(kubectl: tuple[str, Path], root: Path) -> tuple[dict, dict] | str:
    """Return what Helm 4 and Helm 3 read from the files kustomize hands Helm, or its error."""
    binary, wrapper = kubectl
    capture = root.parent / f"{root.name}-capture"
    shutil.rmtree(capture, ignore_errors=True)
    capture.mkdir()
    done = subprocess.run(
        [binary, "kustomize", "--enable-helm", "--helm-command", str(wrapper), str(root)],
        capture_output=True, text=True, env={**os.environ, "CAPTURE": str(capture)},
        check=False, timeout=120,
    )  # fmt: skip
    if done.returncode:
        return done.stderr.strip()
    helm4: dict = {}
    helm3: dict = {}
    for kept in sorted(capture.glob("values-*.yaml"), key=lambda p: int(p.stem[7:])):
        read = decoded(Source(kept, kept.read_bytes()))
        helm4 = merge_maps(helm4, read.data)
        helm3 = merge_maps(helm3, read.as_helm3().data)
    return helm4, helm3


def _ours(root: Path) -> tuple[dict, dict] | str:
    try:
        found = kustomize.stacks(kustomize.kustomization_in(root), CHART)
        stack = next(s for s in found if isinstance(s, Stack))
        return replay(stack)[0], replay(stack, helm3=True)[0]
    except (StackError, UnreadableValues) as error:
        return str(error)


@pytest.mark.parametrize("name", sorted(KUSTOMIZE_STACKS))
def test_lint_builds_the_values_kustomize_hands_helm(kubectl, tmp_path, name):
    top = with_local_chart(write_tree(tmp_path / name, KUSTOMIZE_STACKS[name]))
    root = top / KUSTOMIZE_ROOTS.get(name, "")
    if root != top:
        with_local_chart(top / "base")
    theirs = _kustomized(kubectl, root)
    assert not isinstance(theirs, str), theirs
    assert _ours(root) == theirs


@pytest.mark.parametrize("name", sorted(KUSTOMIZE_REFUSED))
def test_what_kustomize_refuses_lint_refuses(kubectl, tmp_path, name):
    files, _words = KUSTOMIZE_REFUSED[name]
    root = with_local_chart(write_tree(tmp_path / name, files))
    assert isinstance(_kustomized(kubectl, root), str)
    assert isinstance(_ours(root), str)


# --- generated stacks -------------------------------------------------------------------

# Plain scalars whose meaning differs between YAML 1.1 (Helm, kustomization.yaml) and
# 1.2 (kyaml), and ordinary ones.
SCALARS = ["1", "0", "-3", "1.5", "1e3", "0o17", "017", "0x1F", "1_000", "yes", "no", "on",
           "y", "true", "False", "~", "null", "", "2001-12-14", "'7'", "word", "'yes'"]  # fmt: skip
KEYS = ["a", "b", "c", "y", "on"]


def _values(depth: int = 2) -> st.SearchStrategy:
    scalar = st.sampled_from(SCALARS)
    if depth == 0:
        return scalar
    inner = _values(depth - 1)
    return st.one_of(
        scalar,
        st.lists(st.one_of(scalar, st.dictionaries(st.sampled_from(KEYS), scalar, max_size=2)),
                 max_size=3),
        st.dictionaries(st.sampled_from(KEYS), inner, max_size=3),
    )  # fmt: skip


def _yaml(value: object, indent: int) -> list[str]:
    """Return ``value`` as block YAML lines, its scalars written plain as drawn."""
    pad = " " * indent
    if isinstance(value, dict):
        if not value:
            return [pad + "{}"]
        lines = []
        for key, item in value.items():
            if isinstance(item, (dict, list)) and item:
                lines += [f"{pad}{key}:", *_yaml(item, indent + 2)]
            else:
                lines.append(f"{pad}{key}: {_inline(item)}".rstrip())
        return lines
    if isinstance(value, list):
        if not value:
            return [pad + "[]"]
        lines = []
        for item in value:
            if isinstance(item, dict) and item:
                first, *rest = _yaml(item, indent + 2)
                lines += [f"{pad}- {first.strip()}", *rest]
            else:
                lines.append(f"{pad}- {_inline(item)}".rstrip())
        return lines
    return [pad + str(value)]


def _inline(value: object) -> str:
    if isinstance(value, dict):
        return (
            "{}"
            if not value
            else "{" + ", ".join(f"{k}: {_inline(v)}" for k, v in value.items()) + "}"
        )
    if isinstance(value, list):
        return "[" + ", ".join(_inline(v) for v in value) + "]"
    return str(value)


MAPS = st.dictionaries(st.sampled_from(KEYS), _values(), min_size=1, max_size=4)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(MAPS, MAPS, st.sampled_from(["override", "merge", "replace"]))
def test_generated_stacks_merge_as_kustomize_merges(kubectl, tmp_path, file, inline, mode):
    root = tmp_path / "drawn"
    shutil.rmtree(root, ignore_errors=True)
    inline_yaml = "\n".join(_yaml(inline, 6))
    kustomization = (
        f"helmCharts:\n  - name: agents\n    valuesFile: values.yaml\n"
        f"    valuesMerge: {mode}\n    valuesInline:\n{inline_yaml}\n"
    )
    files = {"kustomization.yaml": kustomization, "values.yaml": "\n".join(_yaml(file, 0)) + "\n"}
    with_local_chart(write_tree(root, files))
    theirs, ours = _kustomized(kubectl, root), _ours(root)
    if isinstance(theirs, str):
        assert isinstance(ours, str), (files, theirs, ours)
    else:
        assert ours == theirs, files
