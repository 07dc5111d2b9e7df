"""What the Helm engine prints for the docs' troubleshooting samples, captured at generation.

The docs show each error exactly as Helm words it; the text is rendered now,
never typed by hand. Kept apart from :mod:`schema_gen.docs`, which only writes
Markdown, because only this part needs the Helm engine.
"""

from __future__ import annotations

import functools
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import yaml

NOT_FAILING = "(renders: this sample no longer fails)"


@dataclass(frozen=True)
class Sample:
    """A troubleshooting sample: its header comments, its values, and what Helm printed."""

    text: str  # the whole file, header comments included
    values: str  # the values alone, as the docs show them
    printed: str

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
    texts = [sample.read_text(encoding="utf-8") for sample in sorted(samples.glob("*.yaml"))]
    values = ["\n".join(ln for ln in t.splitlines() if not ln.startswith("#")) for t in texts]
    with ThreadPoolExecutor(max_workers=os.cpu_count()) as pool:
        printed = list(pool.map(functools.partial(_printed, chart), values))
    return [Sample(*row) for row in zip(texts, values, printed, strict=True)]


def container_env(chart: Path, values: dict) -> dict[str, list[dict]]:
    """Return Deployment name -> its first container's env, as Helm renders ``values``."""
    from schema_gen.helm_engine import render

    rendered = render(chart, values)
    return {
        obj["metadata"]["name"]: obj["spec"]["template"]["spec"]["containers"][0].get("env", [])
        for obj in rendered.objects
        if obj["kind"] == "Deployment"
    }
