"""The generated docs: reserved names, values reference, Config Mapping, troubleshooting.

Each function returns Markdown built from the models (and, for troubleshooting,
from what the Helm engine prints), so the docs cannot drift from the chart.
"""

from __future__ import annotations

import functools
import html
import json
import os
import re
import typing
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel

from schema_gen import env_mapping, mapping
from schema_gen.models import Values
from schema_gen.reserved import RESERVED_VOLUMES


def _cell(text: str) -> str:
    # Cells are Markdown that may hold HTML (our <pre> blocks); a description's
    # "<source>" must not become a tag.
    if not text.startswith("<pre>"):
        text = text.replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("|", "\\|").replace("\n", " ")


def _table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def reserved_names_md() -> str:
    """Return the table of reserved volume names."""
    rows = [
        [f"`{v.name}`", f"`{v.enabled_by}` is set", f"`{v.mount_path}` (read-only)", v.purpose]
        for v in RESERVED_VOLUMES
    ]
    return _table(["Reserved name", "Added when", "Mounted at", "Holds"], rows)


def _type(annotation: Any) -> str:
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Literal:
        return "one of " + ", ".join(f"`{a}`" for a in args)
    if origin is list:
        return f"list of {_type(args[0])}"
    if origin is dict:
        return f"map of {_type(args[0])} to {_type(args[1])}"
    if origin is typing.Annotated:
        return _type(args[0])
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return f"object ({annotation.__name__})"
    names = {str: "string", bool: "boolean", int: "integer", Any: "any"}
    return names.get(annotation, getattr(annotation, "__name__", str(annotation)))


def _default(field: Any, default: Any) -> str:
    if isinstance(default, dict) and default:
        return "see the keys below"
    if default is not None:
        return f"`{json.dumps(default)}`"
    return "required" if field.is_required() else "unset"


def _reference_rows(model: type[BaseModel], prefix: str, defaults: Any) -> list[list[str]]:
    rows = []
    for name, field in model.model_fields.items():
        key = field.alias or name
        if key == "global":
            continue
        path = f"{prefix}{key}"
        default = defaults.get(key) if isinstance(defaults, dict) else None
        annotation = field.annotation
        kind = "object (a Kubernetes volume source)" if key == "volume" else _type(annotation)
        rows.append([f"`{path}`", kind, _default(field, default), field.description or ""])
        item = typing.get_args(annotation)[0] if typing.get_origin(annotation) is list else None
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            rows += _reference_rows(annotation, f"{path}.", default)
        elif isinstance(item, type) and issubclass(item, BaseModel):
            rows += _reference_rows(item, f"{path}[].", None)
    return rows


def values_reference_md() -> str:
    """Return the values reference: every key with its type, default and description."""
    defaults = Values.model_construct().model_dump(by_alias=True)
    rows = _reference_rows(Values, "", defaults)
    return _table(["Key", "Type", "Default", "Description"], rows)


def config_mapping_md() -> str:
    """Return the Config Mapping table, from the Renders metadata on the models."""
    rows = [
        [
            row.value,
            f"`{row.renders.field}`",
            _where(row),
            row.renders.behavior,
        ]
        for row in mapping.rows(Values)
    ]
    table = _table(["Helm value", "Rendered field", "Rendered in", "Behavior"], rows)
    return (
        table
        + "\nObjects are named for a release called `agents`.\n\n"
        + "### Environment variables\n\n"
        + env_rows_md()
    )


def _where(row: mapping.Row) -> str:
    if row.renders.resource:
        kind, name = row.renders.resource
        return f"{kind} `{name}`"
    return ", ".join(f"`{d}`" for d in row.deployments) or "none (NOTES.txt)"


def _chain(component: str, var: str, typed: str | None) -> str:
    """Return the documented precedence of ``var`` in ``component``, lowest first."""
    forced = env_mapping.FORCED.get(component, {})
    names = {
        env_mapping.TYPED: f"`{typed}`",
        env_mapping.SHARED: f"`{env_mapping.SHARED}`",
        env_mapping.FORCED_SOURCE: f"forced `{forced.get(var, '')}`",
        f"{component}.env.vars": f"`{component}.env.vars`",
    }
    order = env_mapping.precedence(component, var, typed=typed is not None)
    return " → ".join(names[source] for source in order)


def env_rows_md() -> str:
    """Return the environment rows: value, variable, Deployments, and what wins over what."""
    rows = []
    for item in env_mapping.declarations(Values):
        components = item.var.components
        chains = [_chain(c, item.var.name, item.path) for c in components]
        if len(components) > 1:
            chains = [
                f"in `{mapping.DEPLOYMENTS[c]}`: {chain}"
                for c, chain in zip(components, chains, strict=True)
            ]
        rows.append(
            [
                f"`{item.path}`",
                f"`{item.var.name}`",
                ", ".join(f"`{mapping.DEPLOYMENTS[c]}`" for c in components),
                "; ".join(chains) + _FORMATS[item.var.format],
            ]
        )
    for component, forced_vars in env_mapping.FORCED.items():
        for name, value in forced_vars.items():
            rows.append(
                [
                    f"none: forced to `{value}`",
                    f"`{name}`",
                    f"`{mapping.DEPLOYMENTS[component]}`",
                    _chain(component, name, None) + " (the shared env.vars does not reach it).",
                ]
            )
    header = ["Helm value", "Environment variable", "Deployments", "Precedence, lowest first"]
    intro = (
        "A typed key sets its variable when it has a value; the shared `env.vars` override "
        "typed keys, the chart's forced variables override `env.vars`, and a component's own "
        "`env.vars` override everything in that Deployment.\n\n"
    )
    return intro + _table(header, rows)


_FORMATS = {
    "list": "; the list is comma-joined.",
    "int": ".",
    "bool": "; `true` or `false`.",
    "string": "; unset when empty.",
    "secretKeyRef": "; a `secretKeyRef` to that Secret key, when `name` is set.",
}


def effective_env_md(chart: Path, sample: Path) -> str:
    """Return, per Deployment, the environment the Helm engine renders for ``sample``.

    Each variable names the source that set it; generation fails if the rendered
    environment and the models' precedence ever disagree.
    """
    from schema_gen.helm_engine import render
    from schema_gen.values_files import coalesced, read_values_file

    user = read_values_file(sample).data
    merged = coalesced(read_values_file(chart / "values.yaml").data, user)
    rendered = render(chart, user)
    declared = env_mapping.declarations(Values)
    parts = []
    for component, deployment in mapping.DEPLOYMENTS.items():
        env = env_mapping.effective_env(merged, component, declared)
        container = rendered.get("Deployment", deployment)["spec"]["template"]["spec"]
        shown = container["containers"][0].get("env", [])
        if shown != env_mapping.container_env(env):
            raise AssertionError(f"{deployment}: rendered env differs from the models' precedence")
        rows = [
            [f"`{name}`", _shown(value), f"`{source}`"] for name, (value, source) in env.items()
        ]
        parts.append(
            f"#### Deployment `{deployment}`\n\n" + _table(["Variable", "Value", "Set by"], rows)
        )
    return "\n".join(parts)


def _shown(value: Any) -> str:
    if isinstance(value, dict):
        ref = value["secretKeyRef"]
        return f"from Secret `{ref['name']}`, key `{ref['key']}`"
    return f"`{value}`"


def _header(text: str, key: str) -> list[str]:
    return re.findall(rf"^# {key}: (.*)$", text, re.M)


# Markdown still reads a table cell's inline HTML: these would turn into links or emphasis.
_INERT = str.maketrans({c: f"&#{ord(c)};" for c in "[]*_`\\"})


def _pre(text: str) -> str:
    lines = (html.escape(line).translate(_INERT) for line in text.strip().splitlines())
    return "<pre>" + "<br>".join(lines) + "</pre>"


def _printed(chart: Path, values_text: str) -> str:
    """Return what the Helm engine prints when it renders ``chart`` with these values."""
    from schema_gen.helm_engine import RenderRejected, render

    try:
        render(chart, yaml.safe_load(values_text) or {})
    except RenderRejected as error:
        return error.message
    return "(renders: this sample no longer fails)"


def troubleshooting_md(samples: Path, chart: Path) -> str:
    """Return the troubleshooting table: each sample, what Helm prints for it, meaning and fix.

    The error text is captured by rendering the chart with the Helm engine now,
    never typed by hand. The renders run on threads: Helm's Go engine releases
    the interpreter while it works.
    """
    texts = [sample.read_text(encoding="utf-8") for sample in sorted(samples.glob("*.yaml"))]
    values = ["\n".join(ln for ln in t.splitlines() if not ln.startswith("#")) for t in texts]
    with ThreadPoolExecutor(max_workers=os.cpu_count()) as pool:
        printed = list(pool.map(functools.partial(_printed, chart), values))
    rows = [
        [
            _header(text, "rule")[0],
            _pre(values_text),
            _pre(shown),
            _header(text, "meaning")[0],
            _header(text, "fix")[0],
        ]
        for text, values_text, shown in zip(texts, values, printed, strict=True)
    ]
    return _table(["Rule", "Values", "Helm prints", "What it means", "Fix"], rows)
