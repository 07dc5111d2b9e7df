"""``schema-gen migrate``: a values file of the 0.9.1 interface, rewritten for today's chart.

The file is edited in place in memory with ruamel.yaml's round-trip nodes, so its
comments, key order and quoting survive wherever the key does: keys that moved
(``workflowRuntime`` is ``agentRuntime``) are renamed where they stand, keys whose
variable is now set through ``env.vars`` (``runtime.scheduleRunnerImage``) become
that ``env.vars`` entry, ``JANGAR_*`` variables in the ``env.vars`` maps get their
``AGENTS_*`` names, and keys today's chart has no place for are dropped with a
note. What it cannot decide (a renamed variable whose new name the file already
sets to something else) is left as it was and reported. The renames come from
:mod:`schema_gen.contract.renames`, the one table lint reads too.

The result is then checked as ``schema-gen lint`` checks a file: the exit status
is 0 when it lints clean, 1 when something needs a person, 2 when the file cannot
be read.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from schema_gen.contract import renames
from schema_gen.tools.values_files import Source, UnreadableValues, decoded, read_sources


@dataclass
class Migration:
    """What migrating one file did: the new text, notes for the operator, open questions."""

    text: str
    notes: list[str] = field(default_factory=list)  # what changed, one line each
    unresolved: list[str] = field(default_factory=list)  # what needs a person
    spaced: bool = False  # the file sets its top-level sections apart with blank lines


def _yaml() -> Any:
    from ruamel.yaml import YAML  # loaded only to migrate

    handler = YAML()  # round-trip: comments, order and quoting kept
    handler.preserve_quotes = True
    handler.width = 4096  # never re-wrap a long value
    handler.indent(mapping=2, sequence=4, offset=2)
    handler.allow_duplicate_keys = True  # as Helm's decoder: the last one wins
    return handler


def _sequence_indent(text: str) -> tuple[int, int]:
    """Return (sequence indent, dash offset) as the file writes its lists, to keep them.

    The offset is how far the first list's dash sits right of the key that holds it.
    """
    parent = None
    for line in text.splitlines():
        stripped = line.lstrip(" ")
        if not stripped or stripped.startswith("#"):
            continue
        column = len(line) - len(stripped)
        if stripped.startswith("- ") and parent is not None:
            offset = max(column - parent, 0)
            return offset + 2, offset
        parent = column if stripped.rstrip().endswith(":") else None
    return 4, 2


def _at(node: Any, path: Sequence[str]) -> Any:
    for key in path:
        if not isinstance(node, dict) or key not in node:
            return None
        node = node[key]
    return node


def _parent(root: Any, path: Sequence[str], *, create: bool) -> Any:
    """Return the map that holds ``path[-1]``, creating the maps above it if asked."""
    from ruamel.yaml.comments import CommentedMap

    node = root
    for key in path[:-1]:
        child = node.get(key) if isinstance(node, dict) else None
        if not isinstance(child, dict):
            if not create:
                return None
            child = CommentedMap()
            node[key] = child
        node = child
    return node


def _rename_in_place(mapping: Any, old: str, new: str) -> None:
    """Give key ``old`` of ``mapping`` the name ``new``, keeping its position and comments."""
    position = list(mapping).index(old)
    value = mapping[old]
    comment = mapping.ca.items.pop(old, None)
    del mapping[old]
    mapping.insert(position, new, value)
    if comment is not None:
        mapping.ca.items[new] = comment


def _dotted(path: Sequence[str]) -> str:
    return ".".join(path)


def _env_var(root: Any, migration: Migration, name: str, value: Any, why: str) -> None:
    """Set env.vars.NAME to ``value`` unless the file sets it already; say what happened."""
    env = _parent(root, ("env", "vars", name), create=True)
    if name in env:
        if str(env[name]) != str(value):
            migration.unresolved.append(
                f"env.vars.{name} is already {env[name]!r}; {why} would set it to {value!r}: "
                "keep one"
            )
        return
    env[name] = value
    migration.notes.append(f"{why}: set env.vars.{name}")


def _move(root: Any, migration: Migration, moved: renames.Moved) -> None:
    holder = _parent(root, moved.old, create=False)
    if holder is None or moved.old[-1] not in holder:
        return
    old = _dotted(moved.old)
    value = holder[moved.old[-1]]
    if moved.variable:
        del holder[moved.old[-1]]
        if value in ("", None):
            migration.notes.append(f"dropped {old}: it was empty ({moved.note})")
        elif (
            moved.variable == "AGENTS_AGENT_RUNNER_IMAGE"
            and _at(root, ("runner", "image", "repository")) != ""
        ):
            migration.notes.append(
                f"dropped {old}: runner.image set the runner image over it in 0.9.1 already, "
                "and does today"
            )
        else:
            _env_var(root, migration, moved.variable, value, f"moved {old} ({moved.note})")
        _drop_if_empty(root, moved.old[:-1])
        return
    target = _parent(root, moved.new, create=True)
    if moved.new[-1] in target:
        migration.unresolved.append(
            f"{old} moved to {_dotted(moved.new)}, which the file sets too: merge them by hand"
        )
        return
    if len(moved.old) == len(moved.new) and moved.old[:-1] == moved.new[:-1]:
        _rename_in_place(holder, moved.old[-1], moved.new[-1])
    else:
        del holder[moved.old[-1]]
        target[moved.new[-1]] = value
    migration.notes.append(f"moved {old} to {_dotted(moved.new)} ({moved.note})")


def _drop_if_empty(root: Any, path: Sequence[str]) -> None:
    """Remove the map at ``path`` when the migration emptied it."""
    holder = _parent(root, path, create=False)
    if path and holder is not None and holder.get(path[-1]) == {}:
        del holder[path[-1]]


def _drop(root: Any, migration: Migration, dropped: renames.Dropped) -> None:
    holder = _parent(root, dropped.old, create=False)
    if holder is None or dropped.old[-1] not in holder:
        return
    value = holder[dropped.old[-1]]
    if dropped.only_if is not ... and value != dropped.only_if:
        return
    del holder[dropped.old[-1]]
    migration.notes.append(f"dropped {_dotted(dropped.old)}: {dropped.why}")
    _drop_if_empty(root, dropped.old[:-1])


def _keep_repository(root: Any, migration: Migration) -> None:
    """Name 0.9.1's default repository where the file pinned a tag or digest without one."""
    old = renames.REPOSITORY_091
    pinned = [k for k in old.pinned_by if _at(root, (*old.key[:-1], k)) not in (None, "")]
    if not pinned or _at(root, old.key) is not None:
        return
    _parent(root, old.key, create=True)[old.key[-1]] = old.default
    migration.notes.append(
        f"set {_dotted(old.key)} to {old.default}: the file pins its "
        f"{' and '.join(pinned)} on 0.9.1's default repository, and today's default is another"
    )


def _keep_inherited(root: Any, migration: Migration, inherited: renames.Inherited) -> None:
    value = _at(root, inherited.key)
    if value in (None, ""):
        return
    for into in inherited.into:
        if _at(root, into) is not None:
            continue  # the file names the component's own value already
        new_section = into[0] not in root
        _parent(root, into, create=True)[into[-1]] = value
        if new_section and migration.spaced:
            root.yaml_set_comment_before_after_key(into[0], before="\n")
        migration.notes.append(
            f"set {_dotted(into)} to {_dotted(inherited.key)}'s value: 0.9.1 ran it there, "
            "today's chart has its own default"
        )


def _rename_variables(root: Any, migration: Migration) -> None:
    for path in renames.ENV_MAPS:
        env = _at(root, path)
        if not isinstance(env, dict):
            continue
        where = _dotted(path)
        for name in [n for n in env if isinstance(n, str) and n.startswith(renames.LEGACY)]:
            new = renames.new_variable(name)
            if new in env:
                if str(env[new]) == str(env[name]):
                    del env[name]
                    migration.notes.append(f"dropped {where}.{name}: {where}.{new} sets the same")
                else:
                    migration.unresolved.append(
                        f"{where}.{name} is today's {new}, which {where} sets to a different "
                        "value too: keep one"
                    )
                continue
            _rename_in_place(env, name, new)
            migration.notes.append(f"renamed {where}.{name} to {new}")
        _move_paths(env, where, migration)


def _move_paths(env: Any, where: str, migration: Migration) -> None:
    """Point the variables that name a path of 0.9.1's pods at today's path."""
    for name, value in list(env.items()):
        if not isinstance(value, str) or renames.new_path(value) == value:
            continue
        moved = renames.new_path(value)
        # A ruamel scalar string keeps its quoting when replaced by one of its own type.
        env[name] = type(value)(moved) if type(value) is not str else moved
        migration.notes.append(
            f"changed {where}.{name} from {value} to {moved}: the chart mounts it there today"
        )


def migrate_text(text: str) -> Migration:
    """Return ``text`` (a values file of the 0.9.1 interface) migrated to today's interface."""
    handler = _yaml()
    sequence, offset = _sequence_indent(text)
    handler.indent(mapping=2, sequence=sequence, offset=offset)
    root = handler.load(text)
    migration = Migration(text, spaced="\n\n" in text)
    if not isinstance(root, dict):
        return migration
    for moved in renames.MOVED:
        _move(root, migration, moved)
    for dropped in renames.DROPPED:
        _drop(root, migration, dropped)
    _keep_repository(root, migration)
    for inherited in renames.INHERITED:
        _keep_inherited(root, migration, inherited)
    _rename_variables(root, migration)
    if migration.notes:
        out = io.StringIO()
        handler.dump(root, out)
        migration.text = out.getvalue()
    return migration


def migrate_file(path: Path, namespace: str | None = None) -> tuple[Migration, list[str], bool]:
    """Return the migration of ``path``, lint's lines on its result, and whether Helm refuses it.

    Raises :class:`UnreadableValues` when the file cannot be read, as lint does.
    """
    from schema_gen.tools import lint

    source = read_sources([path])[0]
    decoded(source)  # Helm must read it first, as it reads any values file
    try:
        text = source.raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UnreadableValues(
            path, 1, "schema-gen migrates UTF-8 files only; convert it to UTF-8 first"
        ) from None
    try:
        migration = migrate_text(text)
    except Exception as error:  # ruamel refuses what Helm's decoder took; say so, do not guess
        raise UnreadableValues(
            path, 1, f"schema-gen cannot rewrite this file ({type(error).__name__}: {error})"
        ) from None
    result = decoded(Source(path, migration.text.encode("utf-8")))
    lines, refused = lint.verdict([result], lint.merged([result], None), namespace)
    return migration, lines, refused
