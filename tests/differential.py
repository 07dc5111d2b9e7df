"""One install rendered by upstream 0.9.29 and by this chart, judged both ways.

- Upstream renders => ours renders, unless the API server would refuse upstream's
  objects too (tests/api_server.py) and an entry of the differences page's "Refused
  here, rendered upstream" holds for the values.
- Upstream refuses => ours refuses, unless every line of upstream's refusal is one an
  entry of "Rendered here, refused upstream" takes.
- Both render => the objects are equal field by field, except the fields an entry of
  "Rendered differently" explains; and where the API server takes upstream's objects,
  it takes ours.

What is expected comes from upstream's render and Kubernetes' rules, never from this
chart's declarations; the page's entries only excuse, each by its own predicate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from schema_gen.contract import differences
from tests import api_server, parity, rendering
from tests.conftest import CHART

UPSTREAM = parity.UPSTREAM_CHARTS["0.9.29"]


@dataclass
class Verdict:
    """What one install showed: the problems (unlisted differences) and the page's entries
    that excused something, by title."""

    problems: list[str] = field(default_factory=list)
    used: set[str] = field(default_factory=set)


def _renders(values: dict[str, Any], release: str, namespace: str) -> tuple[Any, Any]:
    ours = parity.render(CHART, values, namespace, release)
    theirs = parity.render(UPSTREAM, values, namespace, release)
    if isinstance(ours, parity.Refused) != isinstance(theirs, parity.Refused):
        # The renders answer the schema step with a compiled copy of each schema; where
        # the verdicts part, Helm's own validator has the last word on both.
        ours = parity.render(CHART, values, namespace, release, whole=True)
        theirs = parity.render(UPSTREAM, values, namespace, release, whole=True)
    return ours, theirs


def refusal_lines(message: str) -> list[str]:
    """Return the reasons in a Helm refusal: its top-level ``- `` lines, or the whole text."""
    lines = [line for line in message.splitlines() if line.startswith("- ")]
    return lines or [message.strip()]


def judge(values: dict[str, Any], release: str = "agents", namespace: str = "agents") -> Verdict:
    """Return the verdict on ``helm install RELEASE -n NAMESPACE`` with ``values``."""
    verdict = Verdict()
    ours, theirs = _renders(values, release, namespace)
    if isinstance(theirs, parity.Refused):
        if isinstance(ours, parity.Refused):
            return verdict
        unexplained = []
        for line in refusal_lines(theirs.message):
            taking = differences.widenings_explaining(line)
            verdict.used.update(w.title for w in taking)
            if not taking:
                unexplained.append(line)
        if unexplained:
            verdict.problems.append(
                "rendered here, refused upstream: " + " | ".join(unexplained)[:2000]
            )
        return verdict
    refused_by_api = api_server.problems(theirs.every)
    if isinstance(ours, parity.Refused):
        said = " | ".join(refusal_lines(ours.message))[:2000]
        merged = rendering.merged(UPSTREAM, values)
        covering = differences.refusals_covering(values, merged)
        if not refused_by_api:
            # Only the volume contract, or a value upstream ignores by a listed difference,
            # refuses here what the API server would take.
            covering = [r for r in covering if r.despite or r.always]
            verdict.used.update(r.title for r in covering)
            if not covering:
                verdict.problems.append(
                    "refused here, rendered upstream, and the API server takes upstream's "
                    f"objects: {said}"
                )
            return verdict
        verdict.used.update(r.title for r in covering)
        if not covering:
            verdict.problems.append(
                f"refused here ({said}); the API server refuses upstream's render "
                f"({refused_by_api[0]}), but no entry of the page's refusals holds for these values"
            )
        return verdict
    # An object rendered twice is kept once, whichever came last: no field of it compares.
    twice = ours.named_twice() | theirs.named_twice()
    for found in parity.differences(ours, theirs):
        if found.path.split(":", 1)[0] in twice and refused_by_api:
            continue
        seen = differences.Seen(found.path, found.ours, found.theirs, values, release)
        explaining = differences.explained(seen)
        verdict.used.update(d.title for d in explaining)
        if not explaining:
            verdict.problems.append(str(found)[:2000])
    if not refused_by_api:
        verdict.problems += [
            f"the API server takes upstream's objects, not ours: {p}"
            for p in api_server.problems(ours.every)
        ]
    return verdict


def values_file(values: dict[str, Any], release: str, namespace: str) -> str:
    """Return ``values`` as a values file, its first line saying how it is installed."""
    body = yaml.safe_dump(values, sort_keys=False) if values else "{}\n"
    return f"# helm install {release} -n {namespace}\n{body}"


def install_of(text: str) -> tuple[str, str]:
    """Return (release, namespace) from a file :func:`values_file` wrote."""
    found = re.match(r"# helm install (\S+) -n (\S+)", text)
    return (found.group(1), found.group(2)) if found else ("agents", "agents")


def failure(verdict: Verdict, text: str) -> str:
    """Return the message of a failed verdict: each difference, and the file that shows it."""
    return (
        "an unlisted difference from upstream 0.9.29 (field: ours, upstream):\n  "
        + "\n  ".join(verdict.problems)
        + "\nin the values file:\n"
        + text
    )


def entry_titles() -> list[str]:
    """Every entry the page lists that a values file can exercise."""
    return [
        *(d.title for d in differences.RENDERED),
        *(r.title for r in differences.REFUSED),
        *(w.title for w in differences.WIDENED),
    ]
