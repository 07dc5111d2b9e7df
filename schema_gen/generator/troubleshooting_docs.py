"""The troubleshooting pages: each error an operator can get, what the CLIs print, the fix.

An entry is led by one sample and shows the samples that give the same error
elsewhere below it. Its heading carries Helm's own words, which is what an operator
pastes into the site's search; the words shown are the ones captured from the
official CLIs (:mod:`schema_gen.generator.troubleshooting_samples`).
"""

from __future__ import annotations

import functools
import html
import json
import re
from collections.abc import Iterable, Iterator

from schema_gen.contract import api_rules, k8s
from schema_gen.generator.markdown_blocks import fenced
from schema_gen.generator.troubleshooting_samples import (
    RELEASE_ARGS,
    Sample,
    UnusableSample,
    problem_lines,
)

# The main page's groups of entries, by the name of the sample that leads them.
_GROUPS = (
    ("r", "The volume contract (R1 to R7)", range(1, 8)),
    ("schema-", "Schema errors, anywhere in the values", None),
    ("r", "The chart's rules (R8 to R17)", range(8, 18)),
    ("from-091-", "Keys and variables of chart 0.9.1", None),
    ("notes/", "Values that render with a note", None),
)
_STAGES = {
    "schema": "refused by the schema, before anything renders",
    "template": "refused as the templates render",
    "notes": "renders; NOTES.txt and lint say why",
}
_HELM = f"helm template {' '.join(RELEASE_ARGS[:1])} agents/agents {' '.join(RELEASE_ARGS[1:])}"
_COMMANDS = {
    "helm4": f"Helm 4 (`{_HELM} -f values.yaml`)",
    "helm3": "Helm 3 (the same command)",
    "lint": f"`schema-gen lint {' '.join(RELEASE_ARGS[1:])} values.yaml`",
}
_NOTES_COMMAND = (
    "Helm 4 (`helm install agents agents/agents -n agents -f values.yaml`), at the end of NOTES.txt"
)
# Helm's words for a rule that holds others: they say nothing of what is wrong.
GENERIC_PROBLEM = re.compile(
    r"^'(allOf|anyOf|oneOf)' failed|^Must validate (all|at least one|one and only one) "
    r"(of )?the schemas?|validation failed$"
)


def _group(sample: Sample) -> int:
    for index, (prefix, _title, numbers) in enumerate(_GROUPS):
        if prefix == "notes/" and sample.folder == "notes":
            return index
        if sample.folder or not sample.name.startswith(prefix):
            continue
        if numbers is None:
            return index
        if (match := re.match(r"r(\d+)", sample.name)) and int(match.group(1)) in numbers:
            return index
    raise UnusableSample(
        sample.path, "no group of the troubleshooting page takes it; name it after its rule"
    )


def _said(printed: str, stage: str) -> str | None:
    """Return the problem the CLI names, without its values path: for a schema error the
    first that says what is wrong (not "'allOf' failed"); for the chart's own rules the
    message up to its advice, or None when the sample breaks several; for a note, the note."""
    problems = [line.partition(": ")[2] for line in problem_lines(printed)]
    if stage == "schema":
        specific = [p for p in problems if p and not GENERIC_PROBLEM.search(p)]
        return (specific or problems or [None])[0]
    messages = {re.split(r" \(|; ", problem)[0] for problem in problems}
    return messages.pop() if len(messages) == 1 else None


def _heading_words(lead: Sample) -> tuple[str, list[str]]:
    """Return an entry's title and each CLI's words for its error, once each."""
    title = lead.header("title") or lead.name
    stage = lead.header("stage") or ""
    said = [_said(lead.printed.get(cli, ""), stage) for cli in ("helm4", "helm3")]
    return title, [s for s in dict.fromkeys(said) if s]


def _heading(lead: Sample) -> str:
    """Return an entry's heading: its title and each CLI's words (what an operator pastes
    into the search; the table of contents shows the title alone). The anchor is the
    leading sample's name, whatever the CLIs' wording."""
    title, said = _heading_words(lead)
    shown = [f"`{s}`" for s in said]
    text = f"{title}: {' / '.join(shown)}" if shown else title
    return f'### {text} {{#{lead.entry} data-toc-label="{html.escape(title)}"}}'


def _printed_blocks(sample: Sample) -> str:
    parts = []
    for cli, label in _COMMANDS.items():
        if cli == "helm4" and sample.header("stage") == "notes":
            label = _NOTES_COMMAND
        if cli in sample.printed:
            parts.append(f"**{label}** prints:\n\n{fenced(sample.printed[cli])}\n")
        elif cli == "helm3":
            parts.append(
                "**Helm 3** prints the same notes at `helm install`; its `--dry-run=client` "
                "asks a cluster for its version, so the page shows Helm 4's.\n\n"
            )
    return "".join(parts)


def _variant(sample: Sample) -> str:
    """Return a sample that gives the entry's error elsewhere: its values and each CLI's
    problem lines, in one block."""
    lines = []
    for cli, label in (("helm4", "Helm 4"), ("helm3", "Helm 3"), ("lint", "lint")):
        said = sample.printed.get(cli, "")
        found = problem_lines(said) if cli != "lint" else tuple(said.splitlines()[:-1])
        lines += [f"{label}: {'- ' if cli != 'lint' else ''}{line}" for line in found]
    why = f"{sample.header('meaning')}\n\n" if sample.header("meaning") else ""
    fix = f"**Fix.** {sample.header('fix')}\n\n" if sample.header("fix") else ""
    return f"{why}{fenced(sample.values, 'yaml')}\n{fenced(chr(10).join(lines))}\n{fix}"


def _entry(lead: Sample, variants: list[Sample], meaning: str) -> str:
    stage = lead.header("stage") or ""
    also = ""
    if variants:
        also = "**The same error elsewhere.**\n\n" + "\n".join(_variant(v) for v in variants)
    return (
        f"{_heading(lead)}\n\n"
        f"*{lead.header('rule')}* · {_STAGES[stage]}\n\n"
        f"{fenced(lead.values, 'yaml')}\n"
        f"{_printed_blocks(lead)}"
        f"**What it means.** {meaning}\n\n"
        f"**Fix.** {lead.header('fix')}\n\n"
        f"{also}"
    )


def _entries(samples: Iterable[Sample]) -> Iterator[tuple[Sample, list[Sample]]]:
    """Yield each entry's leading sample with the samples shown inside it, in page order."""
    samples = list(samples)
    by_entry: dict[str, list[Sample]] = {}
    for sample in samples:
        by_entry.setdefault(sample.entry, []).append(sample)
    for sample in samples:
        if sample.leads:
            yield sample, [s for s in by_entry[sample.entry] if not s.leads]
    leaders = {s.entry for s in samples if s.leads}
    if orphans := sorted(set(by_entry) - leaders):
        raise UnusableSample(
            by_entry[orphans[0]][0].path,
            f"no sample leads its entry {orphans[0]}; give the entry a sample without '# entry:'",
        )


def troubleshooting_md(samples: list[Sample]) -> str:
    """Return the troubleshooting page's entries, in groups: the volume contract, schema
    errors, the chart's rules, keys of 0.9.1, and values that render with a note."""
    page = [s for s in samples if s.folder in ("", "notes")]
    groups: dict[int, list[str]] = {}
    for lead, variants in _entries(page):
        groups.setdefault(_group(lead), []).append(
            _entry(lead, variants, lead.header("meaning") or "")
        )
    return "\n".join(
        f"## {_GROUPS[index][1]}\n\n" + "\n".join(groups[index]) for index in sorted(groups)
    )


def api_checks_md(samples: list[Sample]) -> str:
    """Return the entries of the API server's checks: each with the rules it shows, where
    each applies, and what each CLI prints."""
    parts = []
    for lead, variants in _entries(s for s in samples if s.folder == "api"):
        names = [n for s in (lead, *variants) for n in s.headers("api-rules")]
        for sample in (lead, *variants):
            if unknown := set(sample.headers("api-rules")) - set(_rules_by_name()):
                raise UnusableSample(
                    sample.path,
                    f"'# api-rules: {sorted(unknown)[0]}' names no rule api_rules.py lays over a "
                    "definition; name the rule's constant there, or remove it from the header",
                )
        meaning = _api_meaning(names) if names else lead.header("meaning") or ""
        parts.append(_entry(lead, variants, meaning))
    return "\n".join(parts)


def _api_meaning(names: list[str]) -> str:
    rules = "".join(
        f"- {_rule_places(name)}: {_rule_message(name)}\n" for name in dict.fromkeys(names)
    )
    return (
        "The API server checks these fields beyond their OpenAPI schema "
        "(`pkg/apis/core/validation`), and the chart's schema carries the same checks, so "
        "Helm refuses the values before anything reaches the cluster. Helm names the field, "
        "not the rule; `schema-gen lint` names both:\n\n" + rules
    )


def _rule_message(name: str) -> str:
    if name == "required":
        messages = sorted({r.message for r in _rules_by_name()["required"]})
        return "; ".join(messages)
    return _rules_by_name()[name][0].message


@functools.cache
def _rules_by_name() -> dict[str, list[api_rules.ApiRule]]:
    """Return the API server's rules by their name in :mod:`schema_gen.contract.api_rules`; every
    rule made by ``required(...)`` under "required"."""
    named = {id(v): k for k, v in vars(api_rules).items() if isinstance(v, api_rules.ApiRule)}
    found: dict[str, list[api_rules.ApiRule]] = {}
    for rule, _definition, _prop in _declared():
        name = named.get(id(rule), "required")
        if rule not in found.setdefault(name, []):
            found[name].append(rule)
    return found


def _declared() -> Iterator[tuple[api_rules.ApiRule, str, str]]:
    """Yield (rule, definition or "mount", property) for every rule where it applies."""
    for table, suffix in ((api_rules.VOLUME_RULES, ""), (api_rules.VOLUME_ITEM_RULES, "[]")):
        for definition, by_property in table.items():
            for prop, rules in by_property.items():
                yield from ((rule, definition, prop + suffix) for rule in rules)
    for prop, rules in api_rules.MOUNT_RULES.items():
        yield from ((rule, "mount", prop) for rule in rules)


def _rule_places(name: str) -> str:
    """Return where a rule applies, as the keys an operator writes under ``volume:`` or in
    a mount (``secret.defaultMode``, ``extraVolumeMounts[].subPath``)."""
    rules = _rules_by_name()[name]
    places = []
    for rule, definition, prop in _declared():
        if rule not in rules:
            continue
        if definition == "mount":
            bases = ["extraVolumeMounts[]"]
        else:
            bases = _paths_to(definition.rsplit("/", 1)[-1])
        places += [".".join(p for p in (base, prop) if p) for base in bases]
    shown = [f"`{p}`" for p in dict.fromkeys(places)]
    return ", ".join(shown)


@functools.cache
def _paths_to(definition: str) -> tuple[str, ...]:
    """Return the key paths under ``volume:`` that hold a ``definition`` object."""
    definitions = k8s.volume_source_definitions()
    found: list[str] = []
    queue = [(k8s.VOLUME_SOURCE, "", frozenset())]
    while queue:
        current, at, seen = queue.pop(0)
        if current == definition:
            found.append(at)
            continue
        for prop, schema in definitions.get(current, {}).get("properties", {}).items():
            ref, key = _ref(schema), prop
            if ref is None and isinstance(schema.get("items"), dict):
                ref, key = _ref(schema["items"]), f"{prop}[]"
            if ref and ref not in seen:
                queue.append((ref, f"{at}.{key}".lstrip("."), seen | {current}))
    return tuple(found)


def _ref(schema: dict) -> str | None:
    refs = [schema, *schema.get("allOf", [])]
    found = next((r["$ref"] for r in refs if "$ref" in r), None)
    return found.rsplit("/", 1)[-1] if found else None


# Where the pages of the entries are on the site, by the samples' folder.
_PAGES = {"": "troubleshooting/", "notes": "troubleshooting/", "api": "api-checks/"}


def entry_location(sample: Sample) -> str:
    """Return where the entry that shows ``sample`` is on the site (``troubleshooting/#r1-...``)."""
    return f"{_PAGES[sample.folder]}#{sample.entry}"


def entries_js(samples: list[Sample]) -> str:
    """Return the script that tells the site's search which entry explains an error.

    Each entry carries the problem lines the CLIs print for its samples (and, for the API
    server's rules, the same lines at every field where the rule applies) and its
    heading's words. ``docs/javascripts/search-paste.js`` reads a pasted error into
    problems, finds the entry whose lines say the most of the same, and searches for
    that entry's heading; anything else it searches for as text.
    """
    table = []
    for lead, variants in _entries(samples):
        lines: list[str] = []
        for sample in (lead, *variants):
            for cli in ("helm4", "helm3"):
                lines += problem_lines(sample.printed.get(cli, ""))
            lint = sample.printed.get("lint", "").splitlines()[:-1]  # its last line: the exit
            lines += [line for line in lint if ": " in line]
            lines += _elsewhere(sample)
        title, said = _heading_words(lead)
        table.append(
            {
                "page": _PAGES[lead.folder],
                "anchor": lead.entry,
                "heading": " ".join([title, *said]),
                "own": [
                    list(problem_lines(sample.printed.get(cli, "")))
                    for sample in (lead, *variants)
                    for cli in ("helm4", "helm3")
                ],
                "lines": list(dict.fromkeys(lines)),
            }
        )
    return (
        "// Generated by `schema-gen generate` from docs/troubleshooting/: the entries the\n"
        "// search lands a pasted error on (see search-paste.js). Do not edit.\n"
        f"window.troubleshootingEntries = {json.dumps(table, indent=1)};\n"
    )


def _elsewhere(sample: Sample) -> list[str]:
    """Return the sample's problem lines as the CLIs print them at every other field where
    its API server rules apply (its own field swapped for each)."""
    names = sample.headers("api-rules")
    here = (sample.header("expect") or "").removeprefix("/").split("/")
    if not names or ("volume" not in here and "extraVolumeMounts" not in here):
        return []
    own = "/".join(here[here.index("volume") + 1 :]) if "volume" in here else ""
    printed = [
        line for cli in ("helm4", "helm3") for line in problem_lines(sample.printed.get(cli, ""))
    ]
    found = []
    for name in names:
        for place in _places_of(name):
            path = re.sub(r"\[\]", "/0", place).replace(".", "/")
            for line in printed:
                helm4 = re.sub(r"/volume/[^']*'", f"/volume/{path}'", line) if own else line
                helm3 = re.sub(r"\.volume\.[\w.]*:", f".volume.{path.replace('/', '.')}:", line)
                found += [helm4, helm3]
    return list(dict.fromkeys(found))


def _places_of(name: str) -> list[str]:
    """Return the dotted places (``secret.items[].path``) where the rule ``name`` applies."""
    return [p.strip("`") for p in _rule_places(name).split(", ") if p]
