"""What every values model shares: strictness, camelCase keys, patterns and small types."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator
from pydantic.alias_generators import to_camel
from pydantic_core import PydanticUndefined

# What a value that misses each pattern must look like, in the words lint prints: every
# pattern a model checks is declared through pattern() below, so none reaches an operator
# as a bare regular expression (a test holds the models to it).
PATTERN_WORDING: dict[str, str] = {}


def pattern(regex: str, looks_like: str) -> str:
    """Return ``regex``, recording how a value that matches it looks, for lint's messages."""
    PATTERN_WORDING[regex] = looks_like
    return regex


def or_empty(regex: str) -> str:
    """Return a pattern that takes what ``regex`` takes, or the empty string."""
    return pattern(f"^$|{regex}", f"{PATTERN_WORDING[regex]}; or empty")


_LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?"
DNS_LABEL = pattern(
    f"^{_LABEL}$",
    'a DNS-1123 label: use lowercase letters, digits and "-", starting and ending with a '
    "letter or digit",
)
OPTIONAL_DNS_LABEL = pattern(f"^({_LABEL})?$", f"{PATTERN_WORDING[DNS_LABEL]}; or empty")
# A name upstream's helpers cut to 63 characters and drop one trailing "-" from
# (trunc 63 | trimSuffix "-"): what is left must be a DNS-1123 label. Up to 64 characters
# a label with at most one "-" after it; past that, the first 63 must be one (or one of 62
# and a "-"), and the rest is cut.
NAME_OVERRIDE = pattern(
    "^$|^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?-?$"
    "|^([a-z0-9][-a-z0-9]{61}[a-z0-9]|[a-z0-9][-a-z0-9]{60}[a-z0-9]-)[\\s\\S]+$",
    'a DNS-1123 label once cut to 63 characters and one trailing "-" dropped (lowercase '
    'letters, digits and "-", starting with a letter or digit); or empty',
)
_SUBDOMAIN_WORDING = (
    'a DNS-1123 subdomain (a Kubernetes object name): use lowercase letters, digits, "-" and '
    '".", starting and ending with a letter or digit'
)
DNS_SUBDOMAIN = pattern(f"^{_LABEL}(\\.{_LABEL})*$", _SUBDOMAIN_WORDING)
# Empty, or a DNS-1123 subdomain: what Kubernetes accepts as a Secret's name.
OPTIONAL_DNS_SUBDOMAIN = pattern(f"^({_LABEL}(\\.{_LABEL})*)?$", _SUBDOMAIN_WORDING)
# A namespace, or "*" for every namespace (which needs rbac.clusterScoped).
WATCHED_NAMESPACE = pattern(
    f"^(\\*|{_LABEL})$", 'a namespace (a DNS-1123 label), or "*" for every namespace'
)
# A Secret or ConfigMap key, which the chart also uses as a file name: letters, digits,
# "-", "_", "."; not "." or "..", nor starting with ".." (the API server's IsConfigMapKey).
SECRET_KEY = pattern(
    r"^\.?[-_a-zA-Z0-9][-._a-zA-Z0-9]*$",
    'a Secret key: use letters, digits, "-", "_" and ".", and do not start with ".."',
)
ENV_NAME = pattern(
    r"^[-._a-zA-Z][-._a-zA-Z0-9]*$",
    'an environment variable name: letters, digits, "_", "-" and ".", not starting with a digit',
)
DIGEST = pattern(
    r"^(sha256:[a-f0-9]{64})?$", "an image digest: sha256: and 64 lowercase hex digits; or empty"
)
# A namespace's name: a DNS-1123 label of at most 63 characters.
NAMESPACE = pattern(
    r"^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$",
    'a namespace: at most 63 lowercase letters, digits and "-", starting and ending with a '
    "letter or digit",
)
PERCENT_STRING = pattern(r"^[0-9]+%$", 'a percentage in quotes, such as "50%"')
# Where Kubernetes takes a count or a percentage: "1" is the count 1, as upstream writes it.
COUNT_OR_PERCENT_STRING = pattern(r"^[0-9]+%?$", 'a count or a percentage, such as "1" or "50%"')


# Helm reads numbers as float64: past 2^53 a whole number is no longer kept exact.
MAX_EXACT = 2**53
# What Kubernetes takes in its int32 fields (replicas, probe timings, TTLs).
INT32_MAX = 2**31 - 1
Count = Annotated[int, Field(ge=1, le=MAX_EXACT)]
Seconds = Annotated[int, Field(ge=0, le=MAX_EXACT)]
Replicas = Annotated[int, Field(ge=1, le=INT32_MAX)]
KubeSeconds = Annotated[int, Field(ge=0, le=INT32_MAX)]
Percent = Annotated[int, Field(ge=1, le=100)]
# A namespace, or "*" for every namespace (which needs rbac.clusterScoped).
WatchedNamespace = Annotated[str, StringConstraints(pattern=WATCHED_NAMESPACE)]
Port = Annotated[int, Field(ge=1, le=65535)]
# Kubernetes reads a quantity written as a number too (cpu: 1); Helm passes either through.
Quantity = str | int | float
# Labels, annotations, selectors: string to string.
StringMap = dict[str, str]
# A Kubernetes object the chart renders unchanged (affinity, a toleration, an RBAC rule, ...);
# the API server checks it.
KubeObject = dict[str, Any]


class SectionRemoved(ValueError):
    """Keys a merged document lacks: a null in a values file deleted each, defaults and all."""

    def __init__(self, keys: list[str]) -> None:
        self.keys = keys
        super().__init__(f"missing {', '.join(keys)}: {SECTION_REMOVED}")


SECTION_REMOVED = (
    "a null deletes the key and the chart's default, and the chart cannot do without it; "
    "set a value (or, for a section, set the keys inside it to null instead)"
)


class Unsettable:
    """Marks a section the templates do without when a null deletes it (as upstream's do).

    Helm deletes a key an operator sets to null, defaults and all. For a leaf the
    templates fall back, as upstream's do; a section (a model-typed key with a
    default) is read key by key, so the merged values must keep it, and the schema
    requires it: a null there is refused with its name rather than failing a
    template. Sections marked with this instead are read with a fallback.
    """


UNSETTABLE = Unsettable()


def section(model: type[BaseModel]) -> Any:
    """Return the field of a key that holds ``model``: its defaults, its docstring as the
    description."""
    return Field(model.model_construct(), description=model.__doc__)


class Needed:
    """Marks a leaf the application cannot run without, so a null may not delete it."""


NEEDED = Needed()


def is_required_section(field: Any) -> bool:
    """Return whether merged values must keep ``field`` (a pydantic FieldInfo): a section
    the templates read key by key, or a leaf marked :data:`NEEDED`."""
    if any(isinstance(m, Needed) for m in field.metadata):
        return True
    annotation = field.annotation
    is_model = isinstance(annotation, type) and issubclass(annotation, BaseModel)
    has_default = field.default is not None and field.default is not PydanticUndefined
    unsettable = any(isinstance(m, Unsettable) for m in field.metadata)
    return is_model and has_default and not unsettable


class Strict(BaseModel):
    """Base of every values model: camelCase keys, unknown keys and lax types rejected.

    ``strict`` matters for agreement with Helm: JSON Schema rejects ``"true"``
    for a boolean, so pydantic must not coerce it either.
    """

    model_config = ConfigDict(
        extra="forbid",
        strict=True,
        alias_generator=to_camel,
        populate_by_name=True,
    )

    @model_validator(mode="before")
    @classmethod
    def _sections_present(cls, data: Any) -> Any:
        """Refuse merged values that lack a section, as the schema's ``required`` does."""
        sections = required_sections(cls) if isinstance(data, dict) else []
        if missing := [key for key in sections if key not in data]:
            raise SectionRemoved(missing)
        return data


@functools.cache
def required_sections(model: type[BaseModel]) -> tuple[str, ...]:
    """Return the values keys of ``model``'s sections the merged values must keep."""
    return tuple(
        field.alias or name
        for name, field in model.model_fields.items()
        if is_required_section(field)
    )


@dataclass(frozen=True)
class NotInUpstream:
    """Marks a key upstream 0.9.29's values.yaml has no default at or below: one of this
    chart's own. ``entry`` is the differences page's "by design" entry that says why."""

    entry: str


# The differences page's entry for the volume contract's keys.
CONTRACT = NotInUpstream("The volume contract")


class _FieldDefault:
    """The key's own default, as a :class:`Fallback` names it (its repr in the docs' words)."""

    def __repr__(self) -> str:
        return "the key's default"


FIELD_DEFAULT = _FieldDefault()


@dataclass(frozen=True)
class Fallback:
    """Marks a key whose template treats ``unset`` values as not set and renders ``default``.

    Upstream's ``| default N`` reads 0 (or "") as "not set"; the chart keeps that
    meaning, the docs say it, and ``schema-gen lint`` notes it where an operator
    wrote such a value, with what to write for the literal meaning. ``default`` is
    the key's own default unless the template falls back to something else; the
    generated ``agents.envMapping`` gives it to the templates, so no template retypes it.
    """

    default: Any = FIELD_DEFAULT
    unset: tuple[Any, ...] = (0,)
    # How to get the literal meaning of an unset value, if there is a way; "{var}" stands
    # for the variable the key sets.
    literal: str = ""

    def value(self, field: Any) -> Any:
        """Return what the template renders for an unset value of ``field`` (a FieldInfo)."""
        return field.default if self.default is FIELD_DEFAULT else self.default


# The literal 0 of a typed variable whose key reads 0 as "not set".
ENV_VARS_ZERO = 'set {var}: "0" in env.vars'


def zero_means_default(default: int, description: str, literal: str = ENV_VARS_ZERO) -> Any:
    """Return the Field of a key whose 0 renders ``default``, as upstream's ``| default`` does.

    The default, the description's note of it and the :class:`Fallback` that lint, the
    notices and the templates read are declared here once.
    """
    info = Field(
        default, description=f"{description}; 0 = the default ({default}), as upstream reads it."
    )
    info.metadata.append(Fallback(unset=(0,), literal=literal))
    return info
