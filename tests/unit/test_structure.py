"""What keeps the chart strict: every object refuses unknown keys, in models and schema."""

from __future__ import annotations

import ast
import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from pydantic import BaseModel

from schema_gen.contract import api_rules
from schema_gen.contract.model_fields import walk
from schema_gen.contract.models import Values
from tests.conftest import CHART, REPO

SCHEMA = json.loads((CHART / "values.schema.json").read_text(encoding="utf-8"))
# Objects meant to take any key: Helm's own `global`, custom resources, Kubernetes' free-form
# FieldsV1 (managedFields of an ephemeral volume's claim template).
OPEN_BY_DESIGN = {
    ("properties", "global"),
    # Objects of custom resources, whose CRDs this chart does not ship: Prometheus
    # Operator relabel configs, Traefik's route middlewares and TLS (agents-shell's
    # IngressRoute) and the smoke AgentRun (its metadata's name alone is checked, as the
    # API server would); their operators check them.
    ("definitions", "ServiceMonitor", "properties", "relabelings", "items"),
    ("definitions", "ServiceMonitor", "properties", "metricRelabelings", "items"),
    ("definitions", "IngressRoute", "properties", "middlewares", "items"),
    ("definitions", "IngressRoute", "properties", "tls"),
    ("definitions", "Smoke", "properties", "agentRun"),
    ("definitions", "Smoke", "properties", "agentRun", "properties", "metadata"),
    ("definitions", "io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1"),
}
# Keywords whose values are schemas that describe values (not constraints laid over one).
_SCHEMA_LISTS = ("allOf", "anyOf", "oneOf")
_SCHEMA_MAPS = ("properties", "definitions", "patternProperties")


def _schemas(node: Any, at: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], dict]]:
    """Yield every schema that describes a value, with where it sits in the file."""
    if not isinstance(node, dict):
        return
    yield at, node
    for key in _SCHEMA_MAPS:
        for name, sub in node.get(key, {}).items():
            yield from _schemas(sub, (*at, key, name))
    for key in _SCHEMA_LISTS:
        for index, sub in enumerate(node.get(key, [])):
            if key == "allOf" and api_rules.rule_for(sub):
                continue  # an API server rule: a constraint laid over a value, not its shape
            yield from _schemas(sub, (*at, key, index))
    for key in ("items", "additionalProperties"):
        yield from _schemas(node.get(key), (*at, key))


def _is_object(schema: dict) -> bool:
    return schema.get("type") == "object" or "properties" in schema


OBJECTS = [(at, s) for at, s in _schemas(SCHEMA) if _is_object(s) and at not in OPEN_BY_DESIGN]


def test_the_walk_reaches_the_contract_and_the_kubernetes_definitions():
    places = {at for at, _schema in OBJECTS}
    assert ("definitions", "ExtraVolumeMount") in places
    assert ("definitions", "io.k8s.api.core.v1.SecretVolumeSource") in places
    assert len(OBJECTS) > 50


@pytest.mark.parametrize(("at", "schema"), OBJECTS, ids=[".".join(map(str, a)) for a, _ in OBJECTS])
def test_every_object_schema_refuses_unknown_keys(at, schema):
    # A map (additionalProperties: {schema}) names its values' type; true or absent lets typos in.
    assert schema.get("additionalProperties", True) is not True, at


def _models() -> set[type[BaseModel]]:
    found = {Values}
    for at in walk(Values, into_lists=True):
        found |= {m for m in (at.nested, at.items) if m}
    return found


@pytest.mark.parametrize(
    "model", sorted(_models(), key=lambda m: m.__name__), ids=lambda m: m.__name__
)
def test_every_model_forbids_unknown_keys(model):
    assert model.model_config.get("extra") == "forbid"


def _layout_rows() -> str:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    return readme[readme.index("## Layout") : readme.index("`charts/agents/` is the chart")]


def test_the_readme_layout_names_every_module_and_only_modules_that_exist():
    table = _layout_rows()
    package = REPO / "schema_gen"
    parts = {"": package} | {
        part: package / part for part in ("contract", "tools", "generator", "tools/stacks")
    }
    for part, folder in parts.items():
        modules = {
            p.name for p in folder.glob("*.py") if p.name not in ("__init__.py", "__main__.py")
        }
        section = table if not part else table[table.index(f"`schema_gen/{part}/`:") :]
        section = section[: section.index("\n\n", section.index("| module | holds |"))]
        named = set(re.findall(r"`([a-z0-9_]+\.py)`", section))
        assert named == modules, part or "schema_gen"
    models = {
        p.stem for p in (package / "contract" / "models").glob("*.py") if p.name != "__init__.py"
    }
    assert models <= set(re.findall(r"`([a-z_]+)`", table))


def _imports(path) -> set[str]:
    """Return the schema_gen modules ``path`` imports, anywhere in it (lazy imports too)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = ".".join(path.relative_to(REPO).with_suffix("").parts[:-1])
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parts, base] if base else parts)
            found |= {f"{base}.{alias.name}" for alias in node.names} | {base}
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
    return {name for name in found if name.startswith("schema_gen")}


PARTS = ("contract", "tools", "generator", "generated")
# What each part may import: the generator reads the tools and the contract, the tools the
# contract (and the generated compiled contract), the contract nothing of the others.
MAY_IMPORT = {
    "contract": {"contract"},
    "generated": set(),
    "tools": {"tools", "contract", "generated"},
    "generator": {"generator", "tools", "contract", "generated"},
}


@pytest.mark.parametrize("part", PARTS)
def test_each_part_imports_only_the_parts_below_it(part):
    wrong = {}
    for path in sorted((REPO / "schema_gen" / part).rglob("*.py")):
        for name in _imports(path):
            parts = name.split(".")
            if len(parts) > 1 and parts[1] in PARTS and parts[1] not in MAY_IMPORT[part]:
                wrong.setdefault(str(path.relative_to(REPO)), set()).add(name)
    assert wrong == {}


def test_no_two_modules_import_each_other_even_lazily():
    modules = {
        ".".join(p.relative_to(REPO).with_suffix("").parts).removesuffix(".__init__"): p
        for p in (REPO / "schema_gen").rglob("*.py")
    }
    graph = {m: {n for n in _imports(p) if n in modules and n != m} for m, p in modules.items()}
    seen: dict[str, int] = {}

    def circle(node: str, path: list[str]) -> list[str] | None:
        seen[node] = 1
        for nxt in graph[node]:
            if seen.get(nxt) == 1:  # back on the path: the circle is from there to here
                walked = [*path, node]
                return [*walked[walked.index(nxt) :], nxt]
            if nxt not in seen and (found := circle(nxt, [*path, node])):
                return found
        seen[node] = 2
        return None

    for module in sorted(graph):
        if module not in seen:
            assert circle(module, []) is None
