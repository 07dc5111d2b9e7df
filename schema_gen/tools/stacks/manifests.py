"""Kubernetes manifests as the GitOps tools read them, and the values blocks inside them.

A manifest file holds documents (an Application, a HelmRelease, a ConfigMap, ...), each
decoded as kubectl decodes it (Helm's own decoder, sigs.k8s.io/yaml) with the line of
each key. Values live inside them two ways: as a map (``valuesObject``, ``spec.values``,
``valuesInline``), whose lines are the manifest's own, or as YAML text in a string
(``values: |``, a ConfigMap's key), which a tool hands Helm as a values file and whose
lines are shifted to where the block sits in the manifest.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from schema_gen.contract.values_paths import ValuesPath
from schema_gen.tools.stacks.layers import Layer, Locate, StackError, Where, nearest, rerooted
from schema_gen.tools.values_decoding import UnreadableValues, helm3_reading, manifest_documents
from schema_gen.tools.values_files import Source, ValuesFile, decoded, read_sources


@dataclass(frozen=True)
class Manifest:
    """One document of a manifest file: its data and the line of each of its keys."""

    path: Path
    data: dict[str, Any]
    lines: Mapping[ValuesPath, int]
    text: str  # the whole file's text, to place blocks of YAML text inside it

    @property
    def kind(self) -> str:
        kind = self.data.get("kind")
        return kind if isinstance(kind, str) else ""

    @property
    def api_version(self) -> str:
        version = self.data.get("apiVersion")
        return version if isinstance(version, str) else ""

    @property
    def name(self) -> str:
        metadata = self.data.get("metadata")
        name = metadata.get("name") if isinstance(metadata, dict) else None
        return name if isinstance(name, str) else ""

    @property
    def namespace(self) -> str | None:
        metadata = self.data.get("metadata")
        namespace = metadata.get("namespace") if isinstance(metadata, dict) else None
        return namespace if isinstance(namespace, str) and namespace else None

    def line(self, at: ValuesPath) -> int:
        """Return the line of ``at``, or of its nearest ancestor written here."""
        return nearest(self.path, self.lines)(at).line

    def where(self, at: ValuesPath) -> Where:
        return Where(self.path, self.line(at))

    def error(self, at: ValuesPath, why: str) -> StackError:
        return StackError(self.path, self.line(at), why)

    def block(self, at: ValuesPath, name: str, values: dict[str, Any]) -> Layer:
        """Return the map at ``at`` (``valuesObject``, ``spec.values``) as a layer."""
        return Layer(name, values, nearest(self.path, rerooted(self.lines, at)))

    def text_block(self, at: ValuesPath, name: str, text: str, by_cli: bool = True) -> Layer:
        """Return the YAML text of the string at ``at`` as a layer read as a values file
        (by the Helm CLI, ``-f``; else by the SDK's ``ReadValues``, as Flux reads it)."""
        return text_layer(self.path, self.text, self.line(at), name, text, by_cli)


def read_manifests(path: Path) -> list[Manifest]:
    """Return the documents of the manifest file at ``path``; raise :class:`StackError`."""
    source = read_sources([path])[0]
    return manifests_of(source.path, source.raw)


def manifests_of(path: Path, raw: bytes) -> list[Manifest]:
    try:
        readings = manifest_documents(path, raw)
    except UnreadableValues as error:
        raise StackError(error.path, error.line, error.why) from None
    text = raw.decode("utf-8", "replace")
    return [Manifest(path, r.data, r.lines, text) for r in readings if r.data]


def _shift(text: str, key_line: int, block: str) -> Locate | Any:
    """Return how a line of ``block`` maps to a line of the file: a literal block (``|``)
    starts on a line below its key, line for line; anything else is on the key's line."""
    first = next((line.strip() for line in block.splitlines() if line.strip()), None)
    if first is None:
        return lambda _line: key_line
    lines = text.splitlines()
    lead = next(i for i, line in enumerate(block.splitlines()) if line.strip())
    for below in range(1, 4 + lead):
        index = key_line - 1 + below
        if index < len(lines) and lines[index].strip() == first:
            start = key_line + below - lead  # the file's line of the block's first line
            return lambda line: start + line - 1
    return lambda _line: key_line


def text_layer(
    path: Path, text: str, key_line: int, name: str, block: str, by_cli: bool = True
) -> Layer:
    """Return YAML ``block``, written in ``text`` below ``key_line``, read as a values file:
    by the Helm CLI (``-f``, as Helm 4 and Helm 3 each read it) or by the Helm SDK's
    ``ReadValues`` (the first document, sigs.k8s.io/yaml: what Helm 3 reads)."""
    shift = _shift(text, key_line, block)
    try:
        if by_cli:
            values_file = decoded(Source(path, block.encode("utf-8")))
        else:
            reading = helm3_reading(path, block.encode("utf-8"))
            values_file = ValuesFile(path, reading.data, reading.lines)
    except UnreadableValues as error:
        raise StackError(path, shift(error.line or 1), error.why) from None
    return _shifted(values_file, name, shift)


def _shifted(values_file: ValuesFile, name: str, shift: Any) -> Layer:
    helm3 = None
    if values_file.helm3 is not None:
        helm3 = _shifted(values_file.as_helm3(), name, shift)
    note = None
    if values_file.difference:
        line, why = values_file.difference
        note = (Where(values_file.path, shift(line)), why)
    return Layer(
        name, values_file.data, nearest(values_file.path, values_file.lines, shift), helm3, note
    )


def value_at(data: Any, at: ValuesPath) -> Any:
    """Return the value at ``at`` (map keys and list indexes), None where it is missing."""
    for key in at:
        if isinstance(data, dict):
            data = data.get(key)
        elif isinstance(data, list) and isinstance(key, int) and 0 <= key < len(data):
            data = data[key]
        else:
            return None
    return data


def string_at(manifest: Manifest, at: ValuesPath, what: str) -> str | None:
    """Return the string at ``at``, None where it is missing; refuse another type."""
    value = value_at(manifest.data, at)
    if value is None:
        return None
    if not isinstance(value, str):
        raise manifest.error(at, f"{what} must be a string, not {type(value).__name__}")
    return value


def map_at(manifest: Manifest, at: ValuesPath, what: str) -> dict[str, Any] | None:
    value = value_at(manifest.data, at)
    if value is None:
        return None
    if not isinstance(value, dict):
        raise manifest.error(at, f"{what} must be a mapping, not {type(value).__name__}")
    return value


def list_at(manifest: Manifest, at: ValuesPath, what: str) -> list[Any]:
    value = value_at(manifest.data, at)
    if value is None:
        return []
    if not isinstance(value, list):
        raise manifest.error(at, f"{what} must be a list, not {type(value).__name__}")
    return value


def unknown_keys(manifest: Manifest, at: ValuesPath, known: set[str], what: str) -> None:
    """Refuse a key ``known`` lacks at ``at``, as the API server refuses an unknown field."""
    import difflib

    node = value_at(manifest.data, at)
    if not isinstance(node, dict):
        return
    for key in node:
        if key not in known:
            close = difflib.get_close_matches(str(key), sorted(known), n=1, cutoff=0.6)
            hint = f'; did you mean "{close[0]}"?' if close else ""
            raise manifest.error((*at, key), f'{what} has no field "{key}"{hint}')
