"""Values that render but may not mean what they seem: what lint and NOTES.txt say of them.

Two kinds. A key whose template reads 0 as "not set" (a :class:`Fallback`, kept
from upstream's ``| default N``) gets a notice when an operator writes 0: the
default applies, and the notice says how to get a literal 0. A key whose meaning
differs from upstream 0.9.29's (see :mod:`schema_gen.contract.differences`) gets a notice
for the value whose meaning changed. ``schema-gen lint`` prints them as warnings;
the chart prints the same words in NOTES.txt (the generated ``agents.notices``).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from schema_gen.contract.values_paths import value_at


@dataclass(frozen=True)
class Notice:
    """What a value does here, said where an operator writes it."""

    path: str  # dotted values path
    when: Any  # the value that draws the notice
    text: str
    other_than: bool = False  # drawn by any value but ``when`` instead
    # And only while the value at this path is this one: [path, value].
    also: list[Any] | None = None


def _zero_notices() -> list[Notice]:
    from schema_gen.contract.environment import EnvVar
    from schema_gen.contract.model_fields import walk
    from schema_gen.contract.models import Values
    from schema_gen.contract.models.base import Fallback

    found = []
    for at in walk(Values):
        variables = [var.name for var in at.metadata(EnvVar)]
        for fallback in at.metadata(Fallback):
            if 0 in fallback.unset and fallback.literal:
                literal = fallback.literal.format(var=", ".join(variables))
                found.append(
                    Notice(
                        at.dotted,
                        0,
                        f"0 means the default ({fallback.value(at.field)}) here, as in upstream "
                        f"0.9.29; for a literal 0, {literal}",
                    )
                )
    return found


# Values whose meaning here differs from upstream 0.9.29's, each said where it is written.
CHANGED: tuple[Notice, ...] = (
    Notice(
        "controller.leaderElection.enabled",
        False,
        "false turns leader election off here; upstream 0.9.29 keeps it on whatever is written",
    ),
)


def _repository_notices() -> list[Notice]:
    """A tag or digest without its repository: what a 0.9.1 file that pinned its image reads
    as today (see renames.REPOSITORY_091)."""
    from schema_gen.contract import renames
    from schema_gen.contract.models.image import Image

    repository = Image.model_fields["repository"].default
    old = renames.REPOSITORY_091
    return [
        Notice(
            f"image.{key}",
            Image.model_fields[key].default,
            f"is set, image.repository is not: the pods run {repository} (and the components' "
            f"own repositories) with this {key}. A 0.9.1 file ran {old.default} with it, an "
            f"image today's repository may not have: for that image, run `schema-gen migrate` "
            f"(it sets image.repository: {old.default}), or set image.repository",
            other_than=True,
            also=["image.repository", repository],
        )
        for key in old.pinned_by
    ]


@functools.cache
def notices() -> tuple[Notice, ...]:
    """Return every notice, in the models' field order, then the changed meanings."""
    return (*_zero_notices(), *CHANGED, *_repository_notices())


def _same(value: Any, when: Any) -> bool:
    # As Helm compares them: a YAML 0 is 0.0, true is never 1.
    return json.dumps(value) == json.dumps(when) or (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and not isinstance(when, bool)
        and value == when
    )


def _draws(values: Mapping[str, Any], notice: Notice) -> bool:
    if _same(value_at(values, notice.path), notice.when) == notice.other_than:
        return False
    return notice.also is None or _same(value_at(values, notice.also[0]), notice.also[1])


def found(values: Mapping[str, Any], among: Iterable[Notice] | None = None) -> list[Notice]:
    """Return the notices chart-merged ``values`` draw, of ``among`` (default: every notice)."""
    return [n for n in (notices() if among is None else among) if _draws(values, n)]


def template_data() -> list[dict[str, Any]]:
    """Return the notices as the generated ``agents.notices`` helper holds them."""
    return [
        {
            "path": n.path,
            "when": n.when,
            "text": n.text,
            **({"other_than": True} if n.other_than else {}),
            **({"also": n.also} if n.also else {}),
        }
        for n in notices()
    ]
