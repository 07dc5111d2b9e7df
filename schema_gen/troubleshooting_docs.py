"""The troubleshooting entries: each error Helm prints, what it means and the fix."""

from __future__ import annotations

import html
import itertools
import re

from schema_gen.captures import Sample
from schema_gen.markdown_blocks import fenced


def _title(sample: Sample) -> str:
    """Return a sample's short title: its rule's number and its file name in words."""
    rule = sample.header("rule").split()[0]
    words = sample.name.removesuffix(".yaml").split("-")
    subject = " ".join(itertools.dropwhile(lambda word: re.fullmatch(r"r\d", word), words))
    return f"{rule}: {subject}"


def _heading(sample: Sample) -> str:
    """Return a sample's heading: its title and what Helm says (Helm's own words are what
    an operator pastes into the search; the table of contents shows the short title). The
    anchor is the file's name, whatever Helm's wording."""
    title, anchor = _title(sample), sample.name.removesuffix(".yaml")
    said = [_said(sample.printed, sample.header("stage"))]
    said.append(_said(sample.helm3 or "", sample.header("stage")))
    shown = [f"`{s}`" for s in dict.fromkeys(said) if s]  # each Helm's words, once
    text = f"{title}: {' / '.join(shown)}" if shown else title
    return f'### {text} {{#{anchor} data-toc-label="{html.escape(title)}"}}'


def _said(printed: str, stage: str) -> str | None:
    """Return the problem Helm lists, without its values path ("- at '/a/0': 'not' failed"
    from Helm 4, "- a.0: Must not validate the schema (not)" from Helm 3): a schema
    error's first; the chart's own message up to its advice ("(add it to ...", "; set
    ..."), or None when the chart lists different problems."""
    problems = [ln.partition(": ")[2] for ln in printed.splitlines() if ln.startswith("- ")]
    if stage == "schema":
        return problems[0] if problems else None
    messages = {re.split(r" \(|; ", problem)[0] for problem in problems}
    return messages.pop() if len(messages) == 1 else None


def troubleshooting_md(samples: list[Sample]) -> str:
    """Return the troubleshooting entries: a section per sample, each with its values, what
    Helm 4 and Helm 3 print for it, what that means and the fix."""
    parts = []
    for s in samples:
        helm3 = (
            f"**Helm 3 (gojsonschema) prints**\n\n{fenced(s.helm3)}\n"
            if s.helm3
            else "**Helm 3** prints the same problem in its own words.\n\n"
        )
        parts.append(
            f"{_heading(s)}\n\n"
            f"*{s.header('rule')}* · refused at the {s.header('stage')} stage\n\n"
            f"{fenced(s.values, 'yaml')}\n"
            f"**Helm 4 prints**\n\n{fenced(s.printed)}\n"
            f"{helm3}"
            f"**What it means.** {s.header('meaning')}\n\n"
            f"**Fix.** {s.header('fix')}\n"
        )
    return "\n".join(parts)
