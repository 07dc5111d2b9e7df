"""The values reference and the reserved names: every key with its type, default and meaning.

Built from the models alone, so the reference cannot drift from the chart; each key
of the site's reference is an anchor other pages link to.
"""

from __future__ import annotations

import functools
import html
import json
import re
import types
import typing
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel, WithJsonSchema

from schema_gen.contract import components, k8s
from schema_gen.contract.model_fields import ITEMS, walk
from schema_gen.contract.models import Values, chart_defaults
from schema_gen.contract.models.base import Quantity
from schema_gen.contract.reserved import RESERVED_VOLUMES
from schema_gen.contract.values_paths import value_at
from schema_gen.generator.markdown_blocks import Html, stacking, table


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
    return table(["Reserved name", "In the pods of", "Added when", "Mounted at", "Holds"], rows)


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
            else [
                f"`{at.dotted}`",
                f"*{kind}*, {_default_words(default_shown, default)}. {description}",
            ]
        )
        sections.setdefault(top if top in titles else GENERAL, []).append(row)
    header = ["Key", "Type", "Default", "Description"] if site else ["Key", "Description"]
    parts = []
    for name, rows in sections.items():
        heading = name if name == GENERAL else f"`{name}`"
        if site and name != GENERAL:
            heading += f" {{#{name}}}"  # the area's anchor is its key, like every key's
        intro = f"{titles[name]}\n\n" if titles.get(name) else ""
        shown = stacking("keys", table(header, rows)) if site else table(header, rows)
        parts.append(f"### {heading}\n\n{intro}{shown}")
    return "\n".join(parts)


GENERAL = "General"  # the section of top-level keys that are not areas of their own
_KEYS_BELOW = "see the keys below"  # the default of a key whose own keys follow it


# A default longer than this is counted, not written out, in the README: a long map of
# URLs would widen its table past GitHub's column (the site's reference shows it whole).
README_DEFAULT_MAX = 60


def _default_words(shown: str, default: Any) -> str:
    # The Default column as words, where the README folds it into the description.
    words = {"required": "required", "unset": "unset by default"}
    if shown in words:
        return words[shown]
    if shown == _KEYS_BELOW:
        return "its keys follow"
    if isinstance(default, dict | list) and len(shown) > README_DEFAULT_MAX:
        kind = "entries" if isinstance(default, dict) else "items"
        return f"default: {len(default)} {kind}, as `helm show values` prints them"
    return f"default {shown}"


def key_anchor_id(dotted: str) -> str:
    """Return the anchor of a key in the values reference: its path without ``[]``."""
    return dotted.replace("[]", "")


@functools.cache
def _anchored_keys() -> frozenset[str]:
    """Return every key the site's values reference has an anchor for, areas included."""
    return frozenset(
        key_anchor_id(at.dotted) for at in walk(Values, into_lists=True) if at.path[0] != "global"
    )


def linked(text: str) -> str:
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
