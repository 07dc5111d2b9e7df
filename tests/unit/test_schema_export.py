"""values.schema.json speaks Helm's safest dialect and carries the contract's per-entry rules."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import jsonschema
import pytest

from schema_gen.contract import k8s
from schema_gen.contract.reserved import reserved_names
from schema_gen.generator import schema_export
from tests.conftest import CHART, REPO
from tests.shared.schema_export import SCHEMA


def _nodes(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _nodes(value)
    elif isinstance(node, list):
        for item in node:
            yield from _nodes(item)


def test_dialect_is_draft_07_with_definitions():
    assert SCHEMA["$schema"] == "http://json-schema.org/draft-07/schema#"
    jsonschema.Draft7Validator.check_schema(SCHEMA)
    assert not any("$defs" in node for node in _nodes(SCHEMA))


def test_every_ref_is_local_and_resolves():
    refs = [node["$ref"] for node in _nodes(SCHEMA) if "$ref" in node]
    assert refs
    for ref in refs:
        assert ref.startswith("#/definitions/"), ref
        assert ref.removeprefix("#/definitions/") in SCHEMA["definitions"], ref


def test_no_ref_has_siblings_that_draft_07_would_ignore():
    for node in _nodes(SCHEMA):
        if "$ref" in node:
            assert set(node) <= {"$ref", "description", "default", "examples"}, node


def _nullable_paths(schema: dict[str, Any]) -> set[str]:
    """Return the dotted values paths (``[]`` for list items) at which ``schema`` takes null."""
    found: set[str] = set()
    pending: list[tuple[str, dict[str, Any], frozenset[str]]] = [("", schema, frozenset())]
    while pending:
        path, node, seen = pending.pop()
        if ref := node.get("$ref", "").removeprefix("#/definitions/"):
            if ref not in seen:  # a recursive definition is walked once per path
                pending.append((path, schema["definitions"][ref], seen | {ref}))
            continue
        kinds = node.get("type") if isinstance(node.get("type"), list) else [node.get("type")]
        if "null" in kinds or {"type": "null"} in node.get("anyOf", []):
            found.add(path)
        for key, child in (node.get("properties") or {}).items():
            pending.append((f"{path}.{key}".lstrip("."), child, seen))
        if isinstance(node.get("items"), dict):
            pending.append((f"{path}[]", node["items"], seen))
        for child in node.get("anyOf", []) + node.get("oneOf", []):
            pending.append((path, child, seen))
    return found


def test_null_is_taken_exactly_where_upstreams_schema_takes_it():
    # Elsewhere a null either deletes a default (which the schema need not spell: Helm
    # deletes the key before validating) or is refused, as upstream 0.9.29 refuses it.
    upstream = json.loads(
        (REPO / "tests/upstream/charts/agents-0.9.29/values.schema.json").read_text("utf-8")
    )
    ours = _nullable_paths(SCHEMA)
    assert ours == _nullable_paths(upstream)
    assert ours == {
        "terminationGracePeriodSeconds",
        "autoscaling.targetMemoryUtilizationPercentage",
        "controlPlane.terminationGracePeriodSeconds",
        "controllers.terminationGracePeriodSeconds",
        "controllers.autoscaling.targetMemoryUtilizationPercentage",
    }


def test_no_lookahead_and_no_bare_null_type():
    for node in _nodes(SCHEMA):
        assert node.get("type") != "null"
        for pattern in [node["pattern"]] if isinstance(node.get("pattern"), str) else []:
            assert not re.search(r"\(\?[=!<]", pattern), pattern  # RE2 has no lookaround


def test_no_definition_is_unreachable():
    reachable: set[str] = set()
    pending = [SCHEMA["properties"]]
    while pending:
        for node in _nodes(pending.pop()):
            name = node.get("$ref", "").removeprefix("#/definitions/")
            if name and name not in reachable:
                reachable.add(name)
                pending.append(SCHEMA["definitions"][name])
    assert reachable == set(SCHEMA["definitions"])


# Each pod's lists, by the definition their items take: the reserved names refused in
# each are those of the chart-managed volumes of the pods the list reaches.
LISTS = {
    "ExtraVolume": (None, ["", "controlPlane.", "controllers."]),
    "ShellExtraVolume": ("agentsShell", ["agentsShell."]),
    "GatewayExtraVolume": ("linearMcpGateway", ["linearMcpGateway."]),
}


@pytest.mark.parametrize("definition", sorted(LISTS))
@pytest.mark.parametrize("key", ["extraVolumes", "extraVolumeMounts"])
def test_reserved_names_are_refused_in_every_list(key, definition):
    component, prefixes = LISTS[definition]
    item = definition if key == "extraVolumes" else f"{definition}Mount"
    name = SCHEMA["definitions"][item]["properties"]["name"]
    reserved = (
        reserved_names(component)
        if component
        else sorted({n for c in ("controlPlane", "controllers") for n in reserved_names(c)})
    )
    assert name["not"] == {"enum": reserved}
    assert "db-ca-cert" in reserved_names("controlPlane")
    for prefix in prefixes:
        node = SCHEMA
        for part in f"{prefix}{key}".split("."):
            node = node["properties"][part]
            node = SCHEMA["definitions"][node["$ref"].split("/")[-1]] if "$ref" in node else node
        assert node["items"]["$ref"] == f"#/definitions/{item}", prefix


def test_volume_source_is_exactly_one_source_of_the_pinned_kubernetes():
    source = SCHEMA["definitions"][k8s.VOLUME_SOURCE]
    assert (source["minProperties"], source["maxProperties"]) == (1, 1)
    assert source["additionalProperties"] is False
    assert "name" not in source["properties"]
    assert {"secret", "configMap", "emptyDir", "projected", "csi"} <= set(source["properties"])
    assert k8s.KUBERNETES_VERSION in source["description"]


def test_mount_model_covers_every_kubernetes_volume_mount_field():
    mount = SCHEMA["definitions"]["ExtraVolumeMount"]["properties"]
    assert sorted(mount) == sorted(k8s.volume_mount_fields())


def test_merge_keeps_every_key_it_does_not_own():
    existing = {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "Another chart",
        "properties": {"replicaTarget": {"type": "integer", "minimum": 1}},
        "definitions": {"Port": {"type": "integer"}},
        "required": ["replicaTarget"],
    }
    generated = schema_export.values_schema()
    merged = schema_export.merged_schema(json.loads(json.dumps(existing)), generated)
    assert merged["title"] == existing["title"]
    assert "replicaTarget" in merged["required"]
    assert set(generated["required"]) <= set(merged["required"])
    assert merged["properties"]["replicaTarget"] == existing["properties"]["replicaTarget"]
    assert merged["definitions"]["Port"] == existing["definitions"]["Port"]
    assert merged["properties"]["extraVolumes"] == generated["properties"]["extraVolumes"]
    assert list(merged["properties"])[-1] == "replicaTarget"


def test_merge_drops_what_it_owned_and_no_longer_generates():
    generated = schema_export.values_schema()
    first = schema_export.merged_schema(None, generated)
    first["properties"]["mine"] = {"type": "string"}
    shrunk = {**generated, "properties": dict(generated["properties"])}
    del shrunk["properties"]["validation"]
    again = schema_export.merged_schema(first, shrunk)
    assert "validation" not in again["properties"]
    assert again["properties"]["mine"] == {"type": "string"}


EDITOR = json.loads((CHART / "values.override.schema.json").read_text(encoding="utf-8"))


def test_the_editor_schema_takes_an_override_file_with_one_key():
    override = {
        "image": {"tag": "v2"},
        "extraVolumes": [{"name": "ca", "volume": {"emptyDir": {}}}],
    }
    assert not list(jsonschema.Draft7Validator(EDITOR).iter_errors(override))
    # The merged-values schema rightly requires every defaulted key: not for editors.
    assert list(jsonschema.Draft7Validator(SCHEMA).iter_errors(override))


@pytest.mark.parametrize(
    "override",
    [
        {"extraVolumes": [{"name": "db-ca-cert", "volume": {"emptyDir": {}}}]},  # reserved
        {"extraVolumes": [{"volume": {"emptyDir": {}}}]},  # an entry still needs its name
        {"extraVolume": []},  # a typo
        {"replicaCount": 0},
    ],
)
def test_the_editor_schema_keeps_every_rule(override):
    assert list(jsonschema.Draft7Validator(EDITOR).iter_errors(override))


def test_defaults_are_written_as_pydantic_writes_them():
    # HelmJsonSchema copies plain JSON defaults instead of encoding them: an enum, a tuple
    # or a model must still reach the schema as pydantic encodes it.
    from enum import StrEnum

    from pydantic import BaseModel
    from pydantic.json_schema import GenerateJsonSchema

    class Mode(StrEnum):
        FAIL = "fail"

    class Inner(BaseModel):
        x: int = 1

    class Sample(BaseModel):
        mode: Mode = Mode.FAIL
        pair: tuple[int, ...] = (1, 2)
        names: list[str] = ["a"]
        ratio: float = 0.5
        labels: dict[str, str] = {}
        inner: Inner = Inner()

    ours = schema_export.HelmJsonSchema(ref_template="#/definitions/{model}")
    theirs = GenerateJsonSchema(ref_template="#/definitions/{model}")
    for field in ("mode", "pair", "names", "ratio", "labels"):
        default = Sample.model_fields[field].default
        assert ours.encode_default(default) == theirs.encode_default(default), field
    assert ours.encode_default(Mode.FAIL) == "fail"
    assert ours.encode_default((1, 2)) == [1, 2]
    # Dropped from the schema (default_schema), so never encoded: a model, a filled dict.
    written = Sample.model_json_schema(
        ref_template="#/definitions/{model}", schema_generator=schema_export.HelmJsonSchema
    )
    assert "default" not in written["properties"]["inner"]
    assert written["properties"]["mode"]["default"] == "fail"
    names = Sample.model_fields["names"].default
    assert ours.encode_default(names) is not names  # a copy: the schema is edited later
