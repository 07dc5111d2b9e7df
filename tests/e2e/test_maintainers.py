"""docs/maintainers.md's recipes, followed snippet for snippet on a copy of the tree.

Each recipe's code blocks are marked in the page (``<!-- recipe: NAME -->``); the test
puts them where the page says, runs ``generate`` in the copy, and checks the outcome
against what a reader can check without our code: Helm's render of the copy's chart,
Kubernetes' validation, and the copy's own ``schema-gen lint``. A recipe that no longer
works, or a wrong template line that ``generate`` lets through, fails here.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from schema_gen.tools import helm_engine
from tests.conftest import CONTROL_PLANE, REPO, assert_valid_kubernetes, main_container

PAGE = (REPO / "docs" / "maintainers.md").read_text(encoding="utf-8")
# name -> the code block's lines, less the indent of its fence (a list item's).
RECIPES = {
    name: "".join(line.removeprefix(indent) + "\n" for line in body.splitlines())
    for name, indent, body in re.findall(
        r"<!-- recipe: ([\w -]+) -->\n([ ]*)```[a-z]*\n(.*?)\n[ ]*```", PAGE, re.S
    )
}
MODEL = "schema_gen/contract/models/controller.py"
ENV = "charts/agents/templates/_env.tpl"
WORKERS = "AGENTS_IMPLEMENTATION_SOURCE_WEBHOOK_WORKERS"


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A copy of the checkout's files, whose package the runs below import."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO, capture_output=True, check=True,
    ).stdout.decode().split("\0")  # fmt: skip
    for name in filter(None, listed):
        if (REPO / name).is_file():
            (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, tmp_path / name)
    return tmp_path


def _run(tree: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(tree), "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run([sys.executable, "-m", *args], cwd=tree, env=env,
                          capture_output=True, text=True, check=False)  # fmt: skip


def _insert_after(path: Path, anchor: str, snippet: str) -> None:
    """Put ``snippet`` after the first line (or lines) that end with ``anchor``."""
    text = path.read_text(encoding="utf-8")
    at = text.index(anchor) + len(anchor)
    at = text.index("\n", at) + 1
    path.write_text(text[:at] + snippet + text[at:], encoding="utf-8")


def _typed_key(tree: Path, kind: str) -> None:
    """Follow "Add a typed key" for the recipe's ``kind`` (int, string)."""
    _insert_after(
        tree / MODEL, 'description="Deliveries buffered before new ones are refused."\n    )',
        RECIPES[f"typed-{kind} model"],
    )  # fmt: skip
    _insert_after(
        tree / ENV,
        '"AGENTS_IMPLEMENTATION_SOURCE_WEBHOOK_QUEUE_SIZE"',
        RECIPES[f"typed-{kind} template"],
    )


def _env(tree: Path, values: dict) -> dict[str, str]:
    rendered = helm_engine.render(tree / "charts" / "agents", values)
    deployment = rendered.get("Deployment", CONTROL_PLANE)
    assert_valid_kubernetes(deployment)
    return {e["name"]: e.get("value") for e in main_container(rendered, CONTROL_PLANE)["env"]}


def test_the_page_holds_every_recipe_the_tests_follow():
    assert set(RECIPES) == {
        "typed-int model", "typed-int template", "typed-string model", "typed-string template",
        "reserved-name registry", "reserved-name mount", "reserved-name volume",
    }  # fmt: skip


def test_a_typed_integer_key_is_one_declaration_and_one_line(tree):
    _typed_key(tree, "int")
    done = _run(tree, "schema_gen", "generate")
    assert done.returncode == 0, done.stderr
    # The default the recipe declares, as digits, quoted, in the control plane only.
    assert _env(tree, {})[WORKERS] == "4"
    assert _env(tree, {"controller": {"webhook": {"workers": 8}}})[WORKERS] == "8"
    bad = tree / "bad.yaml"
    bad.write_text("controller:\n  webhook:\n    workers: 0\n", encoding="utf-8")
    done = _run(tree, "schema_gen", "lint", str(bad))
    assert done.returncode == 1 and "controller.webhook.workers" in done.stdout, done.stdout
    assert _run(tree, "schema_gen", "generate", "--check").returncode == 0
    # The copy's own tests render it from every source and read its Config Mapping row.
    done = _run(tree, "pytest", "-q", "-p", "no:cacheprovider", "tests/chart/test_env.py",
                "-k", "webhook.workers")  # fmt: skip
    assert done.returncode == 0 and " passed" in done.stdout, done.stdout[-2000:]


def test_generate_refuses_the_old_pattern_for_a_typed_integer(tree):
    _typed_key(tree, "int")
    env = tree / ENV
    typed = f'include "agents.typed" (list $vars $mapping "{WORKERS}"'
    env.write_text(env.read_text().replace(typed, f'include "agents.var" (list $vars "{WORKERS}"'))
    before = (tree / "charts/agents/values.yaml").read_bytes()

    done = _run(tree, "schema_gen", "generate")

    assert done.returncode == 2
    line = next(n for n, t in enumerate(env.read_text().splitlines(), 1) if WORKERS in t)
    assert f"charts/agents/templates/_env.tpl:{line}: {WORKERS} is a typed variable" in done.stderr
    assert f'write {{{{- include "agents.typed" (list $vars $mapping "{WORKERS}"' in done.stderr
    assert (tree / "charts/agents/values.yaml").read_bytes() == before  # nothing written


def test_a_typed_string_key_is_left_out_when_empty(tree):
    _typed_key(tree, "string")
    done = _run(tree, "schema_gen", "generate")
    assert done.returncode == 0, done.stderr
    name = "AGENTS_IMPLEMENTATION_SOURCE_WEBHOOK_SECRET_NAME"
    assert name not in _env(tree, {})
    assert _env(tree, {"controller": {"webhook": {"secretName": "hook-key"}}})[name] == "hook-key"


def test_a_reserved_name_is_refused_by_helm_and_lint_and_rendered_where_declared(tree):
    registry = tree / "schema_gen/contract/reserved.py"
    text = registry.read_text(encoding="utf-8")
    old = "RESERVED_VOLUMES: tuple[ReservedVolume, ...] = (DB_CA, WORKSPACE, GATEWAY_TMP)"
    assert old in text
    text = text.replace(old, RECIPES["reserved-name registry"] + old.replace(")", ", CACHE)"))
    registry.write_text(text, encoding="utf-8")
    deployment = tree / "charts/agents/templates/_deployment.tpl"
    _insert_after(
        deployment,
        "mountPath: /etc/agents/ca\n              readOnly: true\n            {{- end }}",
        RECIPES["reserved-name mount"],
    )
    _insert_after(
        deployment,
        'path: {{ .key | default "ca.crt" | toJson }}\n        {{- end }}\n        {{- end }}',
        RECIPES["reserved-name volume"],
    )

    done = _run(tree, "schema_gen", "generate")
    assert done.returncode == 0, done.stderr

    taken = {"extraVolumes": [{"name": "agents-cache", "volume": {"emptyDir": {}}}]}
    with pytest.raises(helm_engine.RenderRejected, match="extraVolumes/0/name"):
        helm_engine.render(tree / "charts" / "agents", taken)
    values = tree / "taken.yaml"
    values.write_text("extraVolumes:\n  - name: agents-cache\n    volume:\n      emptyDir: {}\n")
    done = _run(tree, "schema_gen", "lint", str(values))
    assert done.returncode == 1 and "agents-cache" in done.stdout, done.stdout
    done = _run(tree, "pytest", "-q", "-p", "no:cacheprovider", "tests/chart/test_render.py",
                "-k", "chart_managed_volume_is_where_the_registry_says")  # fmt: skip
    assert done.returncode == 0 and "1 passed" in done.stdout, done.stdout[-2000:]
