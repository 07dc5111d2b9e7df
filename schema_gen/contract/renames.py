"""What moved between the 0.9.1 interface and today's: the one table of renames.

``schema-gen migrate`` rewrites a values file with it, and ``schema-gen lint``
(and the chart's rule R9) name the new spelling of a key or variable from it.
"""

from __future__ import annotations

from dataclasses import dataclass

from schema_gen.contract import components
from schema_gen.contract.reserved import DB_CA

LEGACY = "JANGAR_"
CURRENT = "AGENTS_"
# Longest prefix first: the first that matches renames the variable.
VARIABLE_PREFIXES: tuple[tuple[str, str], ...] = (
    ("JANGAR_AGENTS_CONTROLLER_WEBHOOK_", "AGENTS_IMPLEMENTATION_SOURCE_WEBHOOK_"),
    ("JANGAR_AGENTS_CONTROLLER_", "AGENTS_CONTROLLER_"),
    (LEGACY, CURRENT),
)


def new_variable(name: str) -> str:
    """Return today's name of 0.9.1 variable ``name`` (``name`` itself if it is not one)."""
    for old, new in VARIABLE_PREFIXES:
        if name.startswith(old):
            return new + name[len(old) :]
    return name


# Paths in the pods that moved: a value that names the old one (PGSSLROOTCERT or
# NODE_EXTRA_CA_CERTS under /etc/jangar/ca) names a file that is no longer there.
MOVED_PATHS: tuple[tuple[str, str], ...] = (("/etc/jangar/ca", DB_CA.mount_path),)


def new_path(value: str) -> str:
    """Return ``value`` with a path of 0.9.1's pods at its start replaced by today's."""
    for old, new in MOVED_PATHS:
        if value == old or value.startswith(f"{old}/"):
            return new + value[len(old) :]
    return value


@dataclass(frozen=True)
class Moved:
    """A values key of 0.9.1 whose value lives elsewhere today."""

    old: tuple[str, ...]
    new: tuple[str, ...]  # a values key; () with ``variable``: an env.vars entry instead
    variable: str = ""  # the variable the key set in 0.9.1, now set through env.vars
    note: str = ""


@dataclass(frozen=True)
class Dropped:
    """A values key of 0.9.1 that today's chart has no place for."""

    old: tuple[str, ...]
    why: str
    # Only when the value is this (an empty default that today's chart refuses).
    only_if: object = ...


MOVED: tuple[Moved, ...] = (
    Moved(("workflowRuntime",), ("agentRuntime",), note="workflowRuntime is agentRuntime now"),
    Moved(
        ("runtime", "scheduleRunnerImage"),
        (),
        "AGENTS_SCHEDULE_RUNNER_IMAGE",
        "runtime.* is gone; the variable is set through env.vars",
    ),
    Moved(
        ("runtime", "scheduleServiceAccount"),
        (),
        "AGENTS_SCHEDULE_SERVICE_ACCOUNT",
        "runtime.* is gone; the variable is set through env.vars",
    ),
    Moved(
        ("runtime", "agentRunnerImage"),
        (),
        "AGENTS_AGENT_RUNNER_IMAGE",
        "runtime.* is gone; runner.image sets this variable (env.vars wins over it)",
    ),
)
DROPPED: tuple[Dropped, ...] = (
    Dropped(
        ("runtime", "agentImage"),
        "today's application no longer reads AGENTS_AGENT_IMAGE; the runner image is runner.image",
    ),
    Dropped(
        ("namespaceOverride",),
        "an empty namespaceOverride is refused today; without the key the release namespace "
        "is used, as before",
        only_if="",
    ),
    *(
        Dropped(
            (loop, "namespaces"),
            "an empty namespaces list is refused today; without the key the release namespace "
            "is watched, as before",
            only_if=[],
        )
        for loop in components.WATCHERS
    ),
)


@dataclass(frozen=True)
class Inherited:
    """A key whose value 0.9.1's components inherited, which today's set by default.

    In 0.9.1, controlPlane.image.repository and controllers.image.repository were empty
    and both pods ran image.repository; today each has its own default. A file that
    set image.repository keeps running it only if the components' keys say so too.
    """

    key: tuple[str, ...]
    into: tuple[tuple[str, ...], ...]


INHERITED: tuple[Inherited, ...] = (
    Inherited(
        ("image", "repository"),
        (("controlPlane", "image", "repository"), ("controllers", "image", "repository")),
    ),
)


@dataclass(frozen=True)
class Repository091:
    """0.9.1's default image repository, which a file that pinned only a tag or a digest ran.

    Today's default repository is another image's: kept, the tag or digest names an image
    that repository may not have. ``migrate`` writes the old default into the file.
    """

    key: tuple[str, ...]
    default: str
    pinned_by: tuple[str, ...]  # the keys beside ``key`` that pin the image


# From upstream 0.9.1's values.yaml (image.repository).
REPOSITORY_091 = Repository091(
    ("image", "repository"), "ghcr.io/proompteng/jangar", ("tag", "digest")
)

# Keys whose variables (name -> value maps) are renamed entry by entry.
ENV_MAPS: tuple[tuple[str, ...], ...] = (
    ("env", "vars"),
    ("controlPlane", "env", "vars"),
    ("controllers", "env", "vars"),
)


def moved(path: tuple[str, ...]) -> Moved | None:
    """Return the move of 0.9.1 key ``path`` (or of a key above it), if it moved."""
    return next((m for m in MOVED if path[: len(m.old)] == m.old), None)


def dropped(path: tuple[str, ...]) -> Dropped | None:
    """Return why 0.9.1 key ``path`` is dropped, if it is."""
    return next((d for d in DROPPED if d.old == path), None)


def under(path: tuple[str, ...]) -> list[str]:
    """Return what became of each 0.9.1 key under section ``path`` (``runtime``), as lint
    words it: ``runtime.scheduleRunnerImage is env.vars.AGENTS_SCHEDULE_RUNNER_IMAGE``."""
    found = [f"{'.'.join(m.old)} is {today(m.old)}" for m in MOVED if m.old[: len(path)] == path]
    found += [f"{'.'.join(d.old)} is gone" for d in DROPPED if d.old[: len(path)] == path]
    return found if len(path) else []


def today(path: tuple[str, ...]) -> str:
    """Return where today's chart takes 0.9.1 key ``path``, as lint words it."""
    if found := moved(path):
        if found.variable:
            return f"env.vars.{found.variable}"
        return ".".join((*found.new, *path[len(found.old) :]))
    return ""
