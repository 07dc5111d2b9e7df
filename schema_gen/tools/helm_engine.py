"""Render the chart with a real Helm engine: the ``helm`` CLI when on PATH, else Helm's Go SDK.

Both give the same verdicts, since both run Helm's own schema validation and
template engine; the SDK (``helm-python-sdk``) needs no binary, so a machine
with only Python can render the chart (where its native library loads: see
:mod:`schema_gen.tools.helm_sdk`).
"""

from __future__ import annotations

import functools
import json
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

import yaml

from schema_gen.contract.components import NAMESPACE, RELEASE
from schema_gen.tools import helm_sdk


class RenderRejected(Exception):
    """Helm refused: ``stage`` is "schema" (values.schema.json), "template" (a fail) or
    "chart" (the chart itself cannot be loaded or rendered)."""

    def __init__(self, stage: str, message: str) -> None:
        super().__init__(message)
        self.stage = stage
        self.message = message


@dataclass(frozen=True)
class Rendered:
    """What Helm produced: the manifests' objects and the rendered NOTES.txt."""

    objects: list[dict[str, Any]]
    notes: str

    def get(self, kind: str, name: str) -> dict[str, Any]:
        """Return the object of ``kind`` called ``name``."""
        for obj in self.objects:
            if obj["kind"] == kind and obj["metadata"]["name"] == name:
                return obj
        raise KeyError(f"{kind}/{name} was not rendered")


def engine_name() -> str:
    """Return which engine :func:`render` uses: "cli" or "sdk" (``SCHEMA_GEN_HELM`` overrides).

    Raises :class:`HelmUnavailable` when the SDK is wanted (or the only one) and cannot load.
    """
    chosen = os.environ.get("SCHEMA_GEN_HELM")
    if chosen not in ("cli", "sdk"):
        chosen = "cli" if shutil.which("helm") else "sdk"
    if chosen == "sdk" and helm_sdk.problem():
        raise helm_sdk.unavailable()
    return chosen


class _ManifestLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Reads rendered manifests as Kubernetes does.

    libyaml's loader when PyYAML has it: the rendered chart is thousands of lines, and
    the pure-Python loader spends most of a render's time reading them back. PyYAML
    alone takes a bare ``=`` for YAML 1.1's "value" tag, which it cannot build; for
    Kubernetes it is the string "=". A bare date is a string to Kubernetes too (its
    decoder builds timestamps only into time fields). Both resolvers are left out.
    """

    yaml_implicit_resolvers: ClassVar[dict[str, list]] = {
        first: [
            (tag, regexp) for tag, regexp in resolvers if not tag.endswith((":value", ":timestamp"))
        ]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }


_LOADER = _ManifestLoader


@functools.lru_cache(maxsize=1024)
def _documents(text: str) -> str:
    """Return the documents of one template's output, as JSON.

    Renders of one chart repeat most templates' output word for word; reading YAML
    back is most of a render's Python time, and a JSON copy of the result is a
    fraction of it. Keyed on the whole text, so it cannot answer for other text.
    """
    return json.dumps([doc for doc in yaml.load_all(text, Loader=_LOADER) if doc])


def _objects(manifests: list[tuple[str, str]]) -> list[dict[str, Any]]:
    """Return the objects of each (template path, rendered text); a template whose output is
    not YAML is refused as ``helm template`` refuses it, naming the template."""
    objects = []
    for path, text in manifests:
        try:
            objects += json.loads(_documents(text))
        except yaml.YAMLError as error:
            why = " ".join(str(error).split())
            raise RenderRejected("template", f"YAML parse error on {path}: {why}") from None
    return objects


def _loaded_sdk(chart: Path) -> Any:
    import helm_python

    try:
        return helm_python.Chart.load(chart)
    except helm_python.HelmError as error:
        raise RenderRejected("chart", f"Helm cannot load the chart: {error}".rstrip()) from None


def _sdk_files(loaded: Any, values: dict[str, Any], release: str, namespace: str) -> dict:
    import helm_python

    try:
        return loaded.render(values, name=release, namespace=namespace)
    except helm_python.HelmValuesError as error:
        raise RenderRejected("schema", str(error).rstrip()) from None
    except helm_python.HelmRenderError as error:
        raise RenderRejected("template", str(error).rstrip()) from None
    except helm_python.HelmError as error:
        raise RenderRejected("chart", str(error).rstrip()) from None


def _rendered(files: dict[str, str]) -> Rendered:
    notes = "".join(text for path, text in files.items() if path.endswith("/NOTES.txt"))
    manifests = [(p, text) for p, text in sorted(files.items()) if not p.endswith("NOTES.txt")]
    return Rendered(_objects(manifests), notes)


def _render_sdk(chart: Path, values: dict[str, Any], release: str, namespace: str) -> Rendered:
    with _loaded_sdk(chart) as loaded:
        return render_loaded(loaded, values, release=release, namespace=namespace)


def load(chart: Path) -> Any:
    """Return ``chart`` loaded by Helm's Go SDK, to render many times (close it when done)."""
    return _loaded_sdk(chart)


def render_loaded(
    loaded: Any, values: dict[str, Any], *, release: str = RELEASE, namespace: str = NAMESPACE
) -> Rendered:
    """Render a chart :func:`load` returned, as :func:`render` does with the SDK."""
    return _rendered(_sdk_files(loaded, values, release, namespace))


def sdk_outcomes(chart: Path, values: list[dict[str, Any]]) -> list[Rendered | RenderRejected]:
    """Return what Helm's Go SDK makes of each values set: the render, or its refusal.

    Generation captures many renders of one chart (the docs' samples): the SDK is
    pinned with schema-gen, so the docs do not depend on a ``helm`` on PATH, and
    it runs in this process, one loaded chart per thread (the Go engine releases
    the interpreter while it works).
    """
    import threading
    from concurrent.futures import ThreadPoolExecutor

    local = threading.local()
    loaded: list[Any] = []

    def outcome(each: dict[str, Any]) -> Rendered | RenderRejected:
        if not hasattr(local, "chart"):
            local.chart = _loaded_sdk(chart)
            loaded.append(local.chart)
        try:
            return _rendered(_sdk_files(local.chart, each, RELEASE, NAMESPACE))
        except RenderRejected as refused:
            return refused

    try:
        with ThreadPoolExecutor(max_workers=min(len(values), os.cpu_count() or 1) or 1) as pool:
            return list(pool.map(outcome, values))
    finally:
        for each in loaded:
            each.close()


def _render_cli(chart: Path, values: dict[str, Any], release: str, namespace: str) -> Rendered:
    # `install --dry-run=client -o json` yields the manifests and the notes in one
    # document; `helm template` would drop NOTES.txt.
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump(values, handle)
    try:
        done = subprocess.run(
            ["helm", "install", release, str(chart), "--dry-run=client", "-o", "json",
             "--namespace", namespace, "--values", handle.name],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
    finally:
        os.unlink(handle.name)
    if done.returncode:
        # The CLI wraps the engine's message ("Error: INSTALLATION FAILED: ..."); keep
        # only the engine's words, so both engines report alike.
        message = re.sub(r"^Error: (INSTALLATION FAILED: )?", "", done.stderr.strip())
        stage = "schema" if "don't meet the specifications" in message else "template"
        raise RenderRejected(stage, message)
    release_doc = json.loads(done.stdout)
    return Rendered(
        _objects([("the manifest", release_doc.get("manifest", ""))]),
        release_doc["info"].get("notes", ""),
    )


def render(
    chart: Path,
    values: dict[str, Any] | None = None,
    *,
    release: str = RELEASE,
    namespace: str = NAMESPACE,
) -> Rendered:
    """Render ``chart`` with ``values`` merged over its defaults, as ``helm install`` would.

    Raises :class:`RenderRejected` when the schema or a template's ``fail`` refuses the values.
    """
    engine = _render_cli if engine_name() == "cli" else _render_sdk
    return engine(Path(chart), values or {}, release, namespace)
