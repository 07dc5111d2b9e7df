"""The differences page: where this chart renders differently from upstream, and why."""

from __future__ import annotations

import functools
import json

import yaml

from schema_gen.contract import differences


@functools.cache
def differences_md() -> str:
    """Return the differences from upstream: one section per rendered difference, then the
    values refused here that upstream renders, those rendered here that upstream refuses,
    then what differs by design."""
    upstream = f"Upstream {differences.UPSTREAM}"
    parts = []
    for item in differences.RENDERED:
        kind, name, field = item.at
        shown = yaml.safe_dump(item.values, sort_keys=False).strip() if item.values else "{}"
        parts.append(
            f"### {item.title}\n\n"
            f"- **{upstream}:** {item.upstream}\n"
            f"- **This chart:** {item.ours}\n"
            f"- **Why:** {item.why}\n\n"
            f"With these values, {kind} `{name}` has `{json.dumps(item.expect)}` at "
            f"`{field}`:\n\n```yaml\n{shown}\n```\n"
        )
    refused = "".join(f"- **{item.title}.** {item.why}\n" for item in differences.REFUSED)
    widened = "".join(f"- **{item.title}.** {item.why}\n" for item in differences.WIDENED)
    by_design = "".join(f"- **{title}.** {text}\n" for title, text in differences.BY_DESIGN)
    return (
        "## Rendered differently\n\n"
        + "\n".join(parts)
        + "\n## Refused here, rendered upstream\n\n"
        + "The API server (or the volume contract) would refuse these anyway; this chart "
        "refuses them before anything reaches the cluster, naming the key.\n\n"
        + refused
        + "\n## Rendered here, refused upstream\n\n"
        + widened
        + "\n## By design\n\n"
        + by_design
    )
