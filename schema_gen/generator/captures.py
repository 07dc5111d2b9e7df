"""What Helm's SDK renders for the docs: each Deployment's container for a values file.

Kept apart from the Markdown writers because only this part needs the Helm engine.
(What the CLIs print for the troubleshooting samples is captured from the binaries:
:mod:`schema_gen.generator.message_captures`.)
"""

from __future__ import annotations

from pathlib import Path


def first_containers(chart: Path, values: dict) -> dict[str, dict]:
    """Return Deployment name -> its first container, as Helm's SDK renders ``values``."""
    from schema_gen.tools.helm_engine import RenderRejected, sdk_outcomes

    (rendered,) = sdk_outcomes(chart, [values])
    if isinstance(rendered, RenderRejected):
        raise rendered
    return {
        obj["metadata"]["name"]: obj["spec"]["template"]["spec"]["containers"][0]
        for obj in rendered.objects
        if obj["kind"] == "Deployment"
    }
