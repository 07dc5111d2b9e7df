"""The generated docs: reserved names, values reference, Config Mapping, effective environment.

Each function returns Markdown built from the models alone, so the docs cannot
drift from the chart; what the Helm engine prints comes from
:mod:`schema_gen.captures`. Each section is built once per run, however many
files show it.
"""

from __future__ import annotations

import functools
import html
import itertools
import json
import re
import types
import typing
from collections.abc import Iterable, Mapping
from typing import Any

import yaml
from pydantic import BaseModel, WithJsonSchema

from schema_gen import components, differences, environment, k8s, renders
from schema_gen.captures import Sample
from schema_gen.model_fields import ITEMS, walk
from schema_gen.models import Values, chart_defaults
from schema_gen.models.base import Quantity
from schema_gen.reserved import RESERVED_VOLUMES
from schema_gen.values_paths import value_at


class Html(str):
    """A table cell that is HTML we built, shown as it is."""


def _cell(text: str) -> str:
    # Cells are Markdown; a description's "<source>" must not become a tag.
    if not isinstance(text, Html):
        text = text.replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("|", "\\|").replace("\n", " ")


def _table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def _stacking(kind: str, table: str) -> str:
    """Return ``table`` in a block the site's stylesheet stacks on a phone, one block per
    row with the cells labelled; ``kind`` (keys, mapping, env) names its columns there."""
    return f'<div class="stacked {kind}" markdown>\n\n{table}\n</div>\n'


@functools.cache
def reserved_names_md() -> str:
    """Return the table of reserved volume names."""
    rows = [
        [
            f"`{v.name}`",
            ", ".join(f"`{components.DEPLOYMENTS[c]}`" for c in v.components),
            f"`{v.enabled_by}` is set" if v.enabled_by else "always",
            f"`{v.mount_path}`" + (" (read-only)" if v.read_only else ""),
            v.purpose,
        ]
        for v in RESERVED_VOLUMES
    ]
    return _table(["Reserved name", "In the pods of", "Added when", "Mounted at", "Holds"], rows)


def _type(annotation: Any, metadata: Iterable[Any] = ()) -> str:
    # ``metadata``: what pydantic moved out of a field's Annotated[...] (a Kubernetes
    # definition, for example); nested Annotated types still carry theirs.
    if kube := _kube_definition(metadata):
        return kube
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if annotation == Quantity:
        return "quantity"
    if origin is typing.Literal:
        return "one of " + ", ".join(f"`{a}`" if a else '`""`' for a in args)
    if origin in (typing.Union, types.UnionType):
        kinds = [a for a in args if a is not type(None)]  # None: the Default column says unset
        if all(typing.get_origin(a) is typing.Literal for a in kinds):
            return _type(typing.Literal[tuple(v for a in kinds for v in typing.get_args(a))])
        return " or ".join(dict.fromkeys(_type(a) for a in kinds))
    if origin is list:
        return f"list of {_type(args[0])}"
    if origin is dict:
        return f"map of {_type(args[0])} to {_type(args[1])}"
    if origin is typing.Annotated:
        return _type(args[0], args[1:])
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return f"object ({annotation.__name__})"
    names = {str: "string", bool: "boolean", int: "integer", float: "number", Any: "any"}
    return names.get(annotation, getattr(annotation, "__name__", str(annotation)))


def _kube_definition(metadata: Iterable[Any]) -> str | None:
    for meta in metadata:
        if isinstance(meta, WithJsonSchema) and k8s.PLACEHOLDER_KEY in (meta.json_schema or {}):
            return f"Kubernetes {meta.json_schema[k8s.PLACEHOLDER_KEY].rsplit('.', 1)[-1]}"
    return None


def _default(field: Any, default: Any, *, nested: bool) -> str:
    if nested and default:
        return _KEYS_BELOW
    if default is not None:
        return f"`{json.dumps(default)}`"
    return "required" if field.is_required() else "unset"


@functools.cache
def values_reference_md(*, site: bool = False) -> str:
    """Return the values reference: a section per top-level area, each key with its type,
    default and description (keys that are not areas of their own come first).

    For the chart README, plain Markdown that GitHub and Artifact Hub show, in two columns
    that fit GitHub's 980 px column (type and default lead the description). For the
    docs ``site``: four columns, each key an anchor (``values/#controlPlane.extraVolumes``)
    that wraps only at its dots, each table stacking into a block per key on a phone.
    """
    defaults = chart_defaults()
    sections: dict[str, list[list[str]]] = {GENERAL: []}
    titles: dict[str, str] = {}
    for at in walk(Values, into_lists=True):
        top = at.path[0]
        if top == "global":
            continue
        if len(at.path) == 1 and at.nested:
            titles[top] = " ".join((at.field.description or "").split())  # docstrings wrap
            continue
        default = None if ITEMS in at.path else value_at(defaults, ".".join(at.path))
        kind = _type(at.field.annotation, at.field.metadata)
        default_shown = _default(at.field, default, nested=bool(at.nested))
        description = at.field.description or ""
        row = (
            [_key_anchor(at.dotted), kind, default_shown, description]
            if site
            else [f"`{at.dotted}`", f"*{kind}*, {_default_words(default_shown)}. {description}"]
        )
        sections.setdefault(top if top in titles else GENERAL, []).append(row)
    header = ["Key", "Type", "Default", "Description"] if site else ["Key", "Description"]
    parts = []
    for name, rows in sections.items():
        heading = name if name == GENERAL else f"`{name}`"
        if site and name != GENERAL:
            heading += f" {{#{name}}}"  # the area's anchor is its key, like every key's
        intro = f"{titles[name]}\n\n" if titles.get(name) else ""
        table = _stacking("keys", _table(header, rows)) if site else _table(header, rows)
        parts.append(f"### {heading}\n\n{intro}{table}")
    return "\n".join(parts)


GENERAL = "General"  # the section of top-level keys that are not areas of their own
_KEYS_BELOW = "see the keys below"  # the default of a key whose own keys follow it


def _default_words(shown: str) -> str:
    # The Default column as words, where the README folds it into the description.
    words = {"required": "required", "unset": "unset by default"}
    return words.get(shown, "its keys follow" if shown == _KEYS_BELOW else f"default {shown}")


def key_anchor_id(dotted: str) -> str:
    """Return the anchor of a key in the values reference: its path without ``[]``."""
    return dotted.replace("[]", "")


@functools.cache
def _anchored_keys() -> frozenset[str]:
    """Return every key the site's values reference has an anchor for, areas included."""
    return frozenset(
        key_anchor_id(at.dotted) for at in walk(Values, into_lists=True) if at.path[0] != "global"
    )


def _linked(text: str) -> str:
    """Return ``text`` with each `key` it names linked to the key in the values reference
    (`controlPlane.image.*` to controlPlane.image); other code is left as it is."""

    def link(match: re.Match[str]) -> str:
        anchor = key_anchor_id(match.group(1).removesuffix(".*"))
        if anchor not in _anchored_keys():
            return match.group(0)
        return f"[{match.group(0)}](values.md#{anchor})"

    return re.sub(r"`([A-Za-z][\w.\[\]*]*)`", link, text)


def _key_anchor(dotted: str) -> Html:
    # <wbr> after each dot: a long key wraps between its parts, never inside a name.
    shown = html.escape(dotted).replace(".", ".<wbr>")
    anchor = html.escape(key_anchor_id(dotted), quote=True)
    return Html(f'<a class="key" id="{anchor}" href="#{anchor}"><code>{shown}</code></a>')


@functools.cache
def config_mapping_md() -> str:
    """Return the Config Mapping, from the Renders metadata on the models: the rows grouped
    by where they render, then the environment variables, forced ones first."""
    groups: dict[str, list[list[str]]] = {}
    for row in renders.rows(Values):
        groups.setdefault(_group(row), []).append(
            [
                _linked(row.value),
                f"`{row.renders.field}`",
                _where(row),
                _linked(row.renders.behavior),
            ]
        )
    ordered = sorted(groups.items(), key=lambda item: _GROUP_ORDER.index(item[0].split(" `")[0]))
    parts = [
        f"### {name}\n\n" + _stacking("mapping", _table(_MAPPING_HEADER, rows))
        for name, rows in ordered
    ]
    return (
        "\n".join(parts)
        + f"\nObjects are named for a release called `{components.RELEASE}`.\n\n"
        + "### Environment variables\n\n"
        + env_rows_md()
    )


_GROUP_ORDER = ["Every Deployment", "Deployment", "Other objects", "NOTES.txt"]
_MAPPING_HEADER = ["Helm value", "Rendered field", "Rendered in", "Behavior"]


@functools.cache
def volume_mapping_md() -> str:
    """Return the Config Mapping of the extra volumes/mounts contract alone, for the chart
    README: its rows with each rendered field under the pod template and beside its
    Deployments, so the table fits GitHub's 980 px column (the site has every key)."""
    rows = [
        [row.value, f"`{row.renders.field.removeprefix(f'{renders.POD}.')}` in {_where(row)}",
         row.renders.behavior]
        for row in renders.rows(Values)
        if row.renders.field.endswith(("volumes[]", "volumeMounts[]"))
    ]  # fmt: skip
    return _table(["Helm value", "Rendered field", "Behavior"], rows)


def _group(row: renders.Row) -> str:
    """Return the heading a Config Mapping row goes under."""
    if row.renders.resource:
        return "Other objects"
    if row.renders.scope == "notes":
        return "NOTES.txt"
    if len(row.deployments) > 1:
        return "Every Deployment"
    return f"Deployment `{row.deployments[0]}`"


def _where(row: renders.Row) -> str:
    if row.renders.resource:
        kind, name = row.renders.resource
        return f"{kind} `{name}`"
    return ", ".join(f"`{d}`" for d in row.deployments) or "none (NOTES.txt)"


def _set_in(var: environment.EnvVar) -> str:
    """Return which Deployments get ``var``, with and without the controllers Deployment."""
    control_plane = f"`{components.CONTROL_PLANE.deployment}`"
    switch = f"`{components.CONTROLLERS.key}.enabled`"
    alone = environment.containers(var, split=False)
    split = environment.containers(var, split=True)
    own = [c for c in var.components if c not in components.IN_BOTH]
    if own:
        return ", ".join(f"`{components.DEPLOYMENTS[c]}`" for c in own)
    if not var.loops:
        if len(split) > 1:
            return "both server Deployments"
        if split == {components.CONTROLLERS.key}:
            return f"`{components.CONTROLLERS.deployment}` (with {switch})"
        return control_plane
    if split:
        controllers = f"`{components.CONTROLLERS.deployment}`"
        return f"the loops' Deployment: {control_plane}, or {controllers} with {switch}"
    return f"{control_plane}, unless {switch}" if alone else "none"


def env_rows_md() -> str:
    """Return the environment table: value, variable, the Deployments that get it, its form."""
    typed = [
        [
            f"`{item.path}`",
            f"`{item.var.name}`",
            _set_in(item.var),
            environment.FORMATS[item.var.format].documented,
        ]
        for item in environment.declarations(Values)
    ]
    forced = [
        (component, name, value, "")
        for component, pairs in environment.FORCED.items()
        for name, value in pairs.items()
    ]
    rows = [
        [
            f"none: forced to `{value}`{when}",
            f"`{name}`",
            f"`{components.DEPLOYMENTS[component]}`",
            f"beats `env.vars`; only `{component}.env.vars` overrides it.",
        ]
        for component, name, value, when in forced
    ] + typed  # what the chart forces first: it overrides env.vars
    header = ["Helm value", "Environment variable", "Set in", "Form"]
    intro = (
        "Precedence, lowest first: the typed key, then `env.vars`, then the variables the "
        "chart forces, then the component's own `env.vars`. A variable named in `env.vars` "
        "(or the component's) is set once, to that value: the chart leaves its own out. "
        "Variables of the reconcile loops go to the Deployment that runs them: the control "
        "plane, or `agents-controllers` when `controllers.enabled`.\n\n"
    )
    linked = [[_linked(row[0]), row[1], _linked(row[2]), _linked(row[3])] for row in rows]
    return intro + _stacking("env", _table(header, linked))


def effective_env_md(merged: Mapping[str, Any], containers: Mapping[str, list[dict]]) -> str:
    """Return, per Deployment, the environment its container gets, and what set each variable.

    ``containers``: Deployment name -> the env list Helm rendered for chart-merged ``merged``.
    """
    declared = environment.declarations(Values)
    parts = []
    for component, deployment in components.DEPLOYMENTS.items():
        if deployment not in containers:
            continue
        origin = environment.sources(merged, component, declared)
        rows = [
            [
                f"`{item['name']}`",
                _shown(item.get("value", item.get("valueFrom"))),
                f"`{origin.get(item['name'], environment.CHART_SOURCE)}`",
            ]
            for item in containers[deployment]
        ]
        parts.append(
            f"### Deployment `{deployment}`\n\n" + _table(["Variable", "Value", "Set by"], rows)
        )
    return "\n".join(parts)


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


def _fenced(text: str, language: str = "text") -> str:
    return f"```{language}\n{text.strip()}\n```\n"


def troubleshooting_md(samples: list[Sample]) -> str:
    """Return the troubleshooting entries: a section per sample, each with its values, what
    Helm 4 and Helm 3 print for it, what that means and the fix."""
    parts = []
    for s in samples:
        helm3 = (
            f"**Helm 3 (gojsonschema) prints**\n\n{_fenced(s.helm3)}\n"
            if s.helm3
            else "**Helm 3** prints the same problem in its own words.\n\n"
        )
        parts.append(
            f"{_heading(s)}\n\n"
            f"*{s.header('rule')}* · refused at the {s.header('stage')} stage\n\n"
            f"{_fenced(s.values, 'yaml')}\n"
            f"**Helm 4 prints**\n\n{_fenced(s.printed)}\n"
            f"{helm3}"
            f"**What it means.** {s.header('meaning')}\n\n"
            f"**Fix.** {s.header('fix')}\n"
        )
    return "\n".join(parts)


def _shown(value: Any) -> str:
    if isinstance(value, dict):
        (kind, ref), *_ = value.items()
        if kind == "fieldRef":
            return f"the pod's `{ref['fieldPath']}`"
        holder = "ConfigMap" if kind == "configMapKeyRef" else "Secret"
        return f"from {holder} `{ref['name']}`, key `{ref['key']}`"
    return f"`{value}`"


@functools.cache
def differences_md() -> str:
    """Return the differences from upstream: one section per rendered difference, then the
    values refused here that upstream renders, then what differs by design."""
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
    by_design = "".join(f"- **{title}.** {text}\n" for title, text in differences.BY_DESIGN)
    return (
        "## Rendered differently\n\n"
        + "\n".join(parts)
        + "\n## Refused here, rendered upstream\n\n"
        + "The API server (or the volume contract) would refuse these anyway; this chart "
        "refuses them before anything reaches the cluster, naming the key.\n\n"
        + refused
        + "\n## By design\n\n"
        + by_design
    )


def chart_facts_md(meta: Mapping[str, Any], registry: str) -> str:
    """Return the chart's release facts from its ``Chart.yaml``, and the pinned install."""
    return (
        f"Chart version **{meta['version']}**, appVersion **{meta['appVersion']}**, "
        f"Kubernetes `{meta.get('kubeVersion', 'any')}`.\n\n"
        "```bash\n"
        f"helm install agents {registry}/agents --version {meta['version']} \\\n"
        "  -n agents --create-namespace -f values.yaml\n"
        "```\n"
    )
