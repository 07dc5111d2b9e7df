"""``schema-gen migrate``: 0.9.1 values files, rewritten for today's chart without loss.

The real 0.9.1 deployment values files (and files shaped like them) are migrated;
the result must lint clean, and every variable the original file set in upstream
0.9.1's render must have the same value, under its new name, in ours.
"""

from __future__ import annotations

from typing import Any

import helm_python
import pytest

from schema_gen.contract import renames
from tests import in_process, parity, rendering
from tests.conftest import CHART
from tests.shared.migrate import _migrate

UPSTREAM_091 = parity.UPSTREAM_CHARTS["0.9.1"]


FILES_091 = parity.UPSTREAM_VALUES["0.9.1"]


# Where each 0.9.1 file is installed (helm -n): its own namespace rules follow it.
NAMESPACES = {"ci": "agents-ci"}


def _env(rendered: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Return Deployment name -> its main container's variables (the last of a name wins)."""
    found = {}
    for obj in rendered.values():
        if obj["kind"] != "Deployment":
            continue
        container = obj["spec"]["template"]["spec"]["containers"][0]
        found[obj["metadata"]["name"]] = {
            e["name"]: e.get("value", e.get("valueFrom")) for e in container.get("env", [])
        }
    return found


def _set_by_file(values: dict[str, Any], namespace: str) -> dict[str, dict[str, Any]]:
    """Return, per Deployment, the variables upstream 0.9.1 renders differently because of
    ``values`` (compared with its defaults): the variables the file sets."""
    with_file = parity.render(UPSTREAM_091, values, namespace)
    # The defaults, with the same Deployments on: what a Deployment gets from the defaults
    # alone (the runner image, say, whose default changed) is not the file's to keep.
    switches = {"controllers": {"enabled": bool((values.get("controllers") or {}).get("enabled"))}}
    defaults = parity.render(UPSTREAM_091, switches, namespace)
    assert not isinstance(with_file, parity.Refused), with_file
    changed: dict[str, dict[str, Any]] = {}
    base = _env(defaults)
    for deployment, env in _env(with_file).items():
        before = base.get(deployment, {})
        changed[deployment] = {k: v for k, v in env.items() if before.get(k, object()) != v}
    return changed


@pytest.mark.parametrize("name", sorted(FILES_091))
def test_real_091_files_migrate_clean_and_keep_every_variable(name, tmp_path):
    original = FILES_091[name]
    copy = tmp_path / f"{name}.yaml"
    copy.write_bytes(original.read_bytes())
    namespace = NAMESPACES.get(name, "agents")
    done = _migrate(str(copy), "--namespace", namespace)
    assert done.returncode == 0, done.stderr  # 0: the result lints clean
    assert "needs a person" not in done.stderr
    migrated = helm_python.values_from_yaml(done.stdout)
    ours = parity.render(CHART, migrated, namespace)
    assert not isinstance(ours, parity.Refused), ours.message
    wanted = _set_by_file(helm_python.values_from_yaml(original.read_text()), namespace)
    got = _env(ours)
    for deployment, variables in wanted.items():
        for old, value in variables.items():
            new = renames.new_variable(old)
            value = renames.new_path(value) if isinstance(value, str) else value
            assert got[deployment].get(new) == value, (
                f"{deployment}: {old} -> {new}: {value!r} != {got[deployment].get(new)!r}"
            )


_PINNED_091 = (
    'image:\n  tag: "8e480ce4"\n'
    "  digest: sha256:103cdef8c8d92e3ac6274c67d18312a683c3e71a7270c2d748ed7bfe3108fbba\n"
    "controllers:\n  enabled: true\n"
)


def _images(rendered: dict[str, dict[str, Any]]) -> dict[str, str]:
    return {
        obj["metadata"]["name"]: obj["spec"]["template"]["spec"]["containers"][0]["image"]
        for obj in rendered.values()
        if obj["kind"] == "Deployment"
    }


def test_a_091_file_pinning_a_tag_without_its_repository_is_named_and_migrated(tmp_path):
    """0.9.1 ran its own default repository with the tag; today's default is another image."""
    theirs = _images(parity.render(UPSTREAM_091, helm_python.values_from_yaml(_PINNED_091)))
    path = tmp_path / "values.yaml"
    path.write_text(_PINNED_091)
    linted = in_process.schema_gen("lint", str(path))
    assert linted.returncode == 0, linted.stdout  # Helm renders it: a warning, not a refusal
    for key in ("image.tag", "image.digest"):
        line = next(ln for ln in linted.stdout.splitlines() if f": {key}: " in ln)
        assert "warning" in line and "schema-gen migrate" in line, line
    notes = rendering.render(CHART, helm_python.values_from_yaml(_PINNED_091)).notes
    assert "image.tag: is set, image.repository is not" in notes
    done = _migrate(str(path))
    assert done.returncode == 0, done.stderr
    ours = _images(parity.render(CHART, helm_python.values_from_yaml(done.stdout)))
    assert ours == theirs  # the images 0.9.1 ran, pinned as the file pinned them
    path.write_text(done.stdout)
    assert "image.tag" not in in_process.schema_gen("lint", str(path)).stdout
