"""Export the values models as ``values.schema.json`` in Helm's safest dialect.

Draft-07 with ``definitions``, only local ``$ref``s (Helm fetches remote refs at
install time and resolves relative ones against the filesystem root), no
``anyOf [X, null]``, no automatic titles, and bytes that do not depend on the
run. The generator owns a fragment of the file and merges it into what is
there, so keys another maintainer added survive regeneration.
"""

from __future__ import annotations

import functools
import json
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue, NoDefault
from pydantic_core import core_schema

from schema_gen.contract import k8s
from schema_gen.contract.models import Values
from schema_gen.contract.models.base import required_sections

DRAFT_07 = "http://json-schema.org/draft-07/schema#"
OWNERSHIP_KEY = "x-schema-gen"
# Keywords that only annotate; beside a draft-07 $ref everything else is ignored.
_ANNOTATIONS = frozenset({"description", "default", "examples", "title"})
_SCHEMA_MAPS = frozenset({"properties", "definitions", "patternProperties"})
_DEFINITIONS = "#/definitions/"


class HelmJsonSchema(GenerateJsonSchema):
    """Pydantic's JSON Schema generator, speaking the dialect Helm validates safely."""

    schema_dialect = DRAFT_07

    def generate(self, schema: core_schema.CoreSchema, mode: Any = "validation") -> JsonSchemaValue:
        generated = super().generate(schema, mode=mode)
        models = generated.pop("$defs", {})
        body = _kubernetes_refs({**generated, "definitions": models})
        used = frozenset(_refs(body) - set(models))  # what no model defines: Kubernetes types
        body["definitions"] = {**body["definitions"], **k8s.definitions(used)}
        body = _deduplicated(_without_titles(body))
        return {"$schema": self.schema_dialect, **_guard_refs(body)}

    def dict_schema(self, schema: core_schema.DictSchema) -> JsonSchemaValue:
        """Constrain keys with ``propertyNames``, as pydantic does.

        Pydantic emits ``patternProperties`` for a constrained key, which lets a
        key that misses the pattern through unchecked; JSON Schema would then
        accept what pydantic rejects.
        """
        generated = super().dict_schema(schema)
        patterns = generated.pop("patternProperties", None)
        if patterns:
            ((pattern, values),) = patterns.items()
            generated["propertyNames"] = {"pattern": pattern}
            generated["additionalProperties"] = values
        return generated

    def model_schema(self, schema: core_schema.ModelSchema) -> JsonSchemaValue:
        """Require the sections a null may not delete (see :data:`~.models.base.SECTION`).

        Nothing else with a default is required: Helm deletes a key an operator sets to
        null, and the templates fall back as upstream's do.
        """
        generated = super().model_schema(schema)
        if sections := required_sections(schema["cls"]):
            generated["required"] = [*generated.get("required", []), *sections]
        return generated

    def field_title_should_be_set(self, schema: Any) -> bool:
        return False  # "Extravolumemounts" helps nobody

    def nullable_schema(self, schema: core_schema.NullableSchema) -> JsonSchemaValue:
        """Write ``X | None`` as ``type: [X, null]``, not ``anyOf``, which doubles Helm's errors.

        A model declares ``| None`` only where a null survives Helm's coalescing and
        means something (a key without a chart default, such as a component's
        terminationGracePeriodSeconds), as upstream's schema allows it there.
        """
        inner = self.generate_inner(schema["schema"])
        if isinstance(inner.get("type"), str):
            return {**inner, "type": [inner["type"], "null"]}
        return {"anyOf": [inner, {"type": "null"}]}

    def get_default_value(self, schema: core_schema.WithDefaultSchema) -> Any:
        """Return no default where :meth:`default_schema` drops it, so pydantic does not
        encode it first: encoding every section's default object was a third of the pass."""
        default = super().get_default_value(schema)
        if default is None or (isinstance(default, dict) and default):
            return NoDefault
        if isinstance(default, BaseModel) and type(default).model_fields:
            return NoDefault  # it encodes as an object with a key per field
        return default

    def encode_default(self, dft: Any) -> Any:
        """Return a plain JSON default as it is (a copy); anything else as pydantic encodes
        it, which builds a TypeAdapter per default."""
        return json.loads(json.dumps(dft)) if _plain_json(dft) else super().encode_default(dft)

    def default_schema(self, schema: core_schema.WithDefaultSchema) -> JsonSchemaValue:
        """Keep defaults that document a value; drop None and whole nested objects.

        An optional field's None default means "absent", and a model's default
        object only repeats the defaults its own properties already show.
        """
        generated = super().default_schema(schema)
        default = generated.get("default")
        if default is None or (isinstance(default, dict) and default):
            generated.pop("default", None)
        return generated


def _plain_json(value: Any) -> bool:
    """Return whether ``value`` is made of exactly JSON's types (no enum, tuple or model)."""
    if type(value) in (str, int, float, bool) or value is None:
        return True
    if type(value) is list:
        return all(_plain_json(item) for item in value)
    if type(value) is dict:
        return all(type(k) is str and _plain_json(v) for k, v in value.items())
    return False


def _kubernetes_refs(node: Any) -> Any:
    """Replace the models' Kubernetes placeholders with refs to the embedded definitions.

    The models cannot carry the $ref themselves: pydantic resolves every $ref it
    emits against definitions it generated, and these come from Kubernetes.
    """
    if isinstance(node, list):
        return [_kubernetes_refs(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _kubernetes_refs(value) for key, value in node.items()}
    if (definition := node.pop(k8s.PLACEHOLDER_KEY, None)) is not None:
        return {"$ref": f"#/definitions/{definition}", **node}
    return node


def _refs(node: Any) -> set[str]:
    """Return the names of the definitions ``node`` refers to directly."""
    if isinstance(node, list):
        return {name for item in node for name in _refs(item)}
    if not isinstance(node, dict):
        return set()
    found = {name for value in node.values() for name in _refs(value)}
    if isinstance(ref := node.get("$ref"), str):
        found.add(ref.removeprefix(_DEFINITIONS))
    return found


def _renamed(node: Any, alias: dict[str, str]) -> Any:
    if isinstance(node, list):
        return [_renamed(item, alias) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: _renamed(value, alias) for key, value in node.items()}
    ref = out.get("$ref")
    if isinstance(ref, str) and ref.removeprefix(_DEFINITIONS) in alias:
        out["$ref"] = _DEFINITIONS + alias[ref.removeprefix(_DEFINITIONS)]
    return out


def _deduplicated(body: dict[str, Any]) -> dict[str, Any]:
    """Return ``body`` with identical definitions kept once, under the first one's name.

    Kubernetes has several types of one shape (SeccompProfile and AppArmorProfile,
    PodAffinity and PodAntiAffinity, ...); Helm compiles each copy on every render.
    Its messages name values paths, never definitions, so they read as before.
    """
    while True:
        first: dict[str, str] = {}
        alias: dict[str, str] = {}
        for name, definition in body["definitions"].items():
            shape = json.dumps(definition, sort_keys=True)
            alias.update({name: first[shape]} if shape in first else {})
            first.setdefault(shape, name)
        if not alias:
            return body
        kept = {k: v for k, v in body["definitions"].items() if k not in alias}
        body = _renamed({**body, "definitions": kept}, alias)


def _without_titles(node: Any, in_schema_map: bool = False) -> Any:
    if isinstance(node, list):
        return [_without_titles(item) for item in node]
    if not isinstance(node, dict):
        return node
    if in_schema_map:  # keys here are property or definition names, not keywords
        return {key: _without_titles(value) for key, value in node.items()}
    return {
        key: _without_titles(value, key in _SCHEMA_MAPS)
        for key, value in node.items()
        if key != "title"
    }


def _guard_refs(node: Any) -> Any:
    """Wrap a ``$ref`` that has validating siblings in ``allOf``: draft-07 ignores them."""
    if isinstance(node, list):
        return [_guard_refs(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _guard_refs(value) for key, value in node.items()}
    if "$ref" in node and set(node) - _ANNOTATIONS - {"$ref"}:
        ref = node.pop("$ref")
        return {"allOf": [{"$ref": ref}], **node}
    return node


@functools.cache
def _generated() -> str:
    # One pass over the models (pydantic's schema walk is most of a generation's work);
    # both schemas are built from it.
    return json.dumps(
        Values.model_json_schema(
            by_alias=True, ref_template="#/definitions/{model}", schema_generator=HelmJsonSchema
        )
    )


def values_schema() -> dict[str, Any]:
    """Return the schema fragment generated from :class:`~.models.Values` (a copy)."""
    return json.loads(_generated())


def _list_items(node: Any) -> set[str]:
    """Return the definitions that are list items (``items: {$ref}``) anywhere in ``node``."""
    found: set[str] = set()
    if isinstance(node, dict):
        items = node.get("items")
        if isinstance(items, dict) and "$ref" in items:
            found.add(items["$ref"].removeprefix("#/definitions/"))
        for value in node.values():
            found |= _list_items(value)
    elif isinstance(node, list):
        for value in node:
            found |= _list_items(value)
    return found


def editor_schema() -> dict[str, Any]:
    """Return the schema for one override file (values.override.schema.json), whole.

    values.schema.json checks the merged values, where the chart's sections are
    present, so it requires them; an editor checking ``my-values.yaml`` against it
    would demand all of them. Here only what no default can fill stays required:
    the fields of list entries (a volume's name, a mount's path) and whatever the
    Kubernetes definitions require. Every other rule is the same.
    """
    schema = values_schema()
    keep = _list_items(schema) | {k for k in schema["definitions"] if k.startswith("io.k8s")}
    schema.pop("required", None)
    for name, definition in schema["definitions"].items():
        if name not in keep:
            definition.pop("required", None)
    schema["description"] = (
        "The agents chart's values for one override file (-f): the rules of "
        "values.schema.json, without requiring what the chart defaults."
    )
    return schema


def _merge_map(existing: dict, generated: dict, previously_owned: list[str]) -> dict:
    """Return ours in generated order, then the foreign entries as they were.

    Ours first, in our order, so that regenerating over an existing file gives
    the same bytes as generating afresh; whatever we owned and stopped
    generating is dropped, not orphaned.
    """
    foreign = {
        k: v for k, v in existing.items() if k not in generated and k not in previously_owned
    }
    return {**generated, **foreign}


def merged_schema(existing: dict[str, Any] | None, generated: dict[str, Any]) -> dict[str, Any]:
    """Return ``generated`` merged into ``existing``, keeping every key it does not own.

    The generator owns its top-level keywords (``$schema``, ``type``,
    ``required``, ...), and the properties and definitions it generates; it
    records the latter under ``x-schema-gen`` so that one it stops generating
    is removed rather than left behind.
    """
    existing = existing or {}
    owned = existing.get(OWNERSHIP_KEY, {})
    merged = {key: value for key, value in generated.items()}
    for key in ("properties", "definitions"):
        merged[key] = _merge_map(existing.get(key, {}), generated.get(key, {}), owned.get(key, []))
    merged[OWNERSHIP_KEY] = {
        "properties": list(generated.get("properties", {})),
        "definitions": list(generated.get("definitions", {})),
        "required": list(generated.get("required", [])),
    }
    # Another maintainer's required keys stay required beside ours; ones we required
    # before and no longer do are dropped.
    theirs = [
        key
        for key in existing.get("required", [])
        if key in merged["properties"] and key not in owned.get("required", [])
    ]
    required = list(dict.fromkeys([*generated.get("required", []), *theirs]))
    merged.pop("required", None)
    if required:
        merged["required"] = required
    foreign = {k: v for k, v in existing.items() if k not in merged}
    return {**merged, **foreign}


def schema_text(schema: dict[str, Any]) -> str:
    """Return the bytes written to values.schema.json for ``schema``."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
