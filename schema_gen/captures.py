"""What the Helm engine prints for the docs' troubleshooting samples, captured at generation.

The docs show each error exactly as Helm words it; the text is rendered now,
never typed by hand. Kept apart from :mod:`schema_gen.docs`, which only writes
Markdown, because only this part needs the Helm engine.
"""

from __future__ import annotations

import functools
import os
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import yaml

NOT_FAILING = "(renders: this sample no longer fails)"
# What Helm 3 (gojsonschema) prints for each sample, captured with a Helm 3 binary by
# `nox -s helm3_messages` and kept beside the samples; a test holds it current.
HELM3_MESSAGES = "helm3/messages.yaml"  # under the samples folder, out of their glob


@dataclass(frozen=True)
class Sample:
    """A troubleshooting sample: its header comments, its values, and what Helm printed."""

    name: str  # the sample's file name
    text: str  # the whole file, header comments included
    values: str  # the values alone, as the docs show them
    printed: str  # what the Helm engine (Helm 4) prints
    helm3: str | None = None  # what Helm 3 prints, when captured

    def header(self, key: str) -> str:
        """Return the first ``# key: ...`` header line's text."""
        prefix = f"# {key}: "
        return next(ln[len(prefix) :] for ln in self.text.splitlines() if ln.startswith(prefix))


def _printed(chart: Path, values_text: str) -> str:
    """Return what the Helm engine prints when it renders ``chart`` with these values."""
    from schema_gen.helm_engine import RenderRejected, render

    try:
        render(chart, yaml.safe_load(values_text) or {})
    except RenderRejected as error:
        return error.message
    return NOT_FAILING


def captured(samples: Path, chart: Path) -> list[Sample]:
    """Return every ``*.yaml`` sample under ``samples`` with what Helm prints for it.

    The renders run on threads: Helm's Go engine releases the interpreter while it works.
    """
    paths = sample_files(samples)
    texts = [path.read_text(encoding="utf-8") for path in paths]
    values = [values_of(text) for text in texts]
    with ThreadPoolExecutor(max_workers=os.cpu_count()) as pool:
        printed = list(pool.map(functools.partial(_printed, chart), values))
    helm3 = helm3_messages(samples)
    return [
        Sample(path.name, text, shown, out, helm3.get(path.name))
        for path, text, shown, out in zip(paths, texts, values, printed, strict=True)
    ]


def sample_files(samples: Path) -> list[Path]:
    """Return the troubleshooting samples, in name order."""
    return sorted(samples.glob("*.yaml"))


def values_of(text: str) -> str:
    """Return a sample's values: the file without its header comments."""
    return "\n".join(line for line in text.splitlines() if not line.startswith("#"))


def helm3_messages(samples: Path) -> dict[str, str]:
    """Return the captured Helm 3 messages by sample file name ({} before any capture)."""
    path = samples / HELM3_MESSAGES
    return (yaml.safe_load(path.read_text(encoding="utf-8")) or {}) if path.exists() else {}


def helm3_printed(binary: str, chart: Path, values_text: str) -> str:
    """Return what a Helm 3 binary prints when ``helm template`` refuses these values."""
    with tempfile.NamedTemporaryFile("w", suffix=".yaml") as handle:
        handle.write(values_text)
        handle.flush()
        done = subprocess.run(
            [binary, "template", "agents", str(chart), "-n", "agents", "-f", handle.name],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
    if done.returncode == 0:
        return NOT_FAILING
    return done.stderr.strip().removeprefix("Error: ")


def container_env(chart: Path, values: dict) -> dict[str, list[dict]]:
    """Return Deployment name -> its first container's env, as Helm renders ``values``."""
    from schema_gen.helm_engine import render

    rendered = render(chart, values)
    return {
        obj["metadata"]["name"]: obj["spec"]["template"]["spec"]["containers"][0].get("env", [])
        for obj in rendered.objects
        if obj["kind"] == "Deployment"
    }


def write_helm3_messages(samples: Path, chart: Path, binary: str) -> Path:
    """Capture what the Helm 3 ``binary`` prints for every sample, into the messages file."""
    captured = {
        path.name: helm3_printed(binary, chart, values_of(path.read_text(encoding="utf-8")))
        for path in sample_files(samples)
    }
    target = samples / HELM3_MESSAGES
    header = "# Captured by `nox -s helm3_messages` (HELM3_BIN=a Helm 3 binary); do not edit.\n"
    target.write_text(header + yaml.dump(captured, Dumper=_Literal, width=1000), encoding="utf-8")
    return target


class _Literal(yaml.SafeDumper):
    """Writes multi-line messages as literal blocks, so the file reads as Helm printed them."""


_Literal.add_representer(
    str,
    lambda dumper, text: dumper.represent_scalar(
        "tag:yaml.org,2002:str", text, style="|" if "\n" in text else None
    ),
)
