"""``schema-gen migrate``: a values file of the 0.9.1 interface, rewritten for today's chart.

The migration is planned on what Helm reads from the file (a key set twice is the
last one, a merge key merged, Helm 3's first document and Helm 4's merged ones):
keys that moved (``workflowRuntime`` is ``agentRuntime``) are renamed, keys whose
variable is now set through ``env.vars`` (``runtime.scheduleRunnerImage``) become
that ``env.vars`` entry, ``JANGAR_*`` variables in the ``env.vars`` maps get their
``AGENTS_*`` names, and keys today's chart has no place for are dropped with a
note. What it cannot decide (a renamed variable whose new name the file already
sets to something else) is left as it was and reported. The renames come from
:mod:`schema_gen.contract.renames`, the one table lint reads too.

:mod:`schema_gen.tools.yaml_rewrite` then edits the text only where the values
change, so comments, quoting, key order, line endings and encoding stay, and Helm's
decoder reads the result back: it must read exactly the planned values, as Helm 3
and as Helm 4, or the file is left as it was and that needs a person. The result
is then checked as ``schema-gen lint`` checks a file: the exit status is 0 when it
lints clean, 1 when something needs a person, 2 when the file cannot be read.
"""

from __future__ import annotations

import codecs
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from schema_gen.contract import renames
from schema_gen.contract.values_paths import ValuesPath, copied
from schema_gen.tools import yaml_rewrite
from schema_gen.tools.values_files import Source, UnreadableValues, decoded


@dataclass
class Migration:
    """What migrating one file did: the new text, notes for the operator, open questions."""

    text: str
    notes: list[str] = field(default_factory=list)  # what changed, one line each
    unresolved: list[str] = field(default_factory=list)  # what needs a person
    raw: bytes = b""  # the new file's bytes, in the old file's encoding and line endings


@dataclass
class _Plan:
    """The migration of one set of values, as Helm read them: the values it must become."""

    values: dict[str, Any]
    notes: list[str] = field(default_factory=list)
    unresolved: list[str] = field(default_factory=list)
    renames: dict[ValuesPath, dict[str, str]] = field(default_factory=dict)  # keys renamed
    sources: dict[ValuesPath, ValuesPath] = field(default_factory=dict)  # where a value moved from


def _at(node: Any, path: Sequence[str]) -> Any:
    for key in path:
        if not isinstance(node, dict) or key not in node:
            return None
        node = node[key]
    return node


def _parent(root: dict[str, Any], path: Sequence[str], *, create: bool) -> Any:
    """Return the map that holds ``path[-1]``, creating the maps above it if asked."""
    node = root
    for key in path[:-1]:
        child = node.get(key) if isinstance(node, dict) else None
        if not isinstance(child, dict):
            if not create:
                return None
            child = {}
            node[key] = child
        node = child
    return node


def _dotted(path: Sequence[str]) -> str:
    return ".".join(path)


def _env_var(plan: _Plan, name: str, value: Any, why: str, source: ValuesPath) -> None:
    """Set env.vars.NAME to ``value`` unless the values set it already; say what happened."""
    env = _parent(plan.values, ("env", "vars", name), create=True)
    if name in env:
        if str(env[name]) != str(value):
            plan.unresolved.append(
                f"env.vars.{name} is already {env[name]!r}; {why} would set it to {value!r}: "
                "keep one"
            )
        return
    env[name] = value
    plan.sources[("env", "vars", name)] = source
    plan.notes.append(f"{why}: set env.vars.{name}")


def _move(plan: _Plan, moved: renames.Moved) -> None:
    root = plan.values
    holder = _parent(root, moved.old, create=False)
    if not isinstance(holder, dict) or moved.old[-1] not in holder:
        return
    old = _dotted(moved.old)
    value = holder[moved.old[-1]]
    if moved.variable:
        del holder[moved.old[-1]]
        if value in ("", None):
            plan.notes.append(f"dropped {old}: it was empty ({moved.note})")
        elif (
            moved.variable == "AGENTS_AGENT_RUNNER_IMAGE"
            and _at(root, ("runner", "image", "repository")) != ""
        ):
            plan.notes.append(
                f"dropped {old}: runner.image set the runner image over it in 0.9.1 already, "
                "and does today"
            )
        else:
            _env_var(plan, moved.variable, value, f"moved {old} ({moved.note})", moved.old)
        _drop_if_empty(root, moved.old[:-1])
        return
    target = _parent(root, moved.new, create=True)
    if moved.new[-1] in target:
        plan.unresolved.append(
            f"{old} moved to {_dotted(moved.new)}, which the file sets too: merge them by hand"
        )
        return
    del holder[moved.old[-1]]
    target[moved.new[-1]] = value
    if moved.old[:-1] == moved.new[:-1]:
        plan.renames.setdefault(moved.old[:-1], {})[moved.old[-1]] = moved.new[-1]
    plan.notes.append(f"moved {old} to {_dotted(moved.new)} ({moved.note})")


def _drop_if_empty(root: dict[str, Any], path: Sequence[str]) -> None:
    """Remove the map at ``path`` when the migration emptied it."""
    holder = _parent(root, path, create=False)
    if path and isinstance(holder, dict) and holder.get(path[-1]) == {}:
        del holder[path[-1]]


def _drop(plan: _Plan, dropped: renames.Dropped) -> None:
    holder = _parent(plan.values, dropped.old, create=False)
    if not isinstance(holder, dict) or dropped.old[-1] not in holder:
        return
    value = holder[dropped.old[-1]]
    if dropped.only_if is not ... and value != dropped.only_if:
        return
    del holder[dropped.old[-1]]
    plan.notes.append(f"dropped {_dotted(dropped.old)}: {dropped.why}")
    _drop_if_empty(plan.values, dropped.old[:-1])


def _keep_repository(plan: _Plan) -> None:
    """Name 0.9.1's default repository where the file pinned a tag or digest without one."""
    old = renames.REPOSITORY_091
    pinned = [k for k in old.pinned_by if _at(plan.values, (*old.key[:-1], k)) not in (None, "")]
    if not pinned or _at(plan.values, old.key) is not None:
        return
    _parent(plan.values, old.key, create=True)[old.key[-1]] = old.default
    plan.notes.append(
        f"set {_dotted(old.key)} to {old.default}: the file pins its "
        f"{' and '.join(pinned)} on 0.9.1's default repository, and today's default is another"
    )


def _keep_inherited(plan: _Plan, inherited: renames.Inherited) -> None:
    value = _at(plan.values, inherited.key)
    if value in (None, ""):
        return
    for into in inherited.into:
        if _at(plan.values, into) is not None:
            continue  # the file names the component's own value already
        _parent(plan.values, into, create=True)[into[-1]] = value
        plan.sources[into] = inherited.key
        plan.notes.append(
            f"set {_dotted(into)} to {_dotted(inherited.key)}'s value: 0.9.1 ran it there, "
            "today's chart has its own default"
        )


def _rename_variables(plan: _Plan) -> None:
    for path in renames.ENV_MAPS:
        env = _at(plan.values, path)
        if not isinstance(env, dict):
            continue
        where = _dotted(path)
        for name in [n for n in env if n.startswith(renames.LEGACY)]:
            new = renames.new_variable(name)
            if new in env:
                if str(env[new]) == str(env[name]):
                    del env[name]
                    plan.notes.append(f"dropped {where}.{name}: {where}.{new} sets the same")
                else:
                    plan.unresolved.append(
                        f"{where}.{name} is today's {new}, which {where} sets to a different "
                        "value too: keep one"
                    )
                continue
            env[new] = env.pop(name)
            plan.renames.setdefault(path, {})[name] = new
            plan.notes.append(f"renamed {where}.{name} to {new}")
        _move_paths(env, where, plan)


def _move_paths(env: dict[str, Any], where: str, plan: _Plan) -> None:
    """Point the variables that name a path of 0.9.1's pods at today's path."""
    for name, value in list(env.items()):
        if not isinstance(value, str) or renames.new_path(value) == value:
            continue
        env[name] = renames.new_path(value)
        plan.notes.append(
            f"changed {where}.{name} from {value} to {env[name]}: the chart mounts it there today"
        )


def planned(values: dict[str, Any]) -> _Plan:
    """Return what ``values`` (a 0.9.1 values file as Helm read it) become today."""
    plan = _Plan(copied(values))
    for moved in renames.MOVED:
        _move(plan, moved)
    for dropped in renames.DROPPED:
        _drop(plan, dropped)
    _keep_repository(plan)
    for inherited in renames.INHERITED:
        _keep_inherited(plan, inherited)
    _rename_variables(plan)
    return plan


# The encodings Helm reads a values file in, by byte-order mark; without one, UTF-8.
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def _text(source: Source) -> tuple[bytes, str, str]:
    """Return the file's byte-order mark, its codec and its text (without the mark)."""
    for bom, codec in _BOMS:
        if source.raw.startswith(bom):
            return bom, codec, source.raw[len(bom) :].decode(codec)
    return b"", "utf-8", source.raw.decode("utf-8")


def _documents_planned(texts: list[str]) -> list[tuple[Any, Any, Any, Any]]:
    """Return, for each YAML document's text, what Helm reads from it and its migration."""
    import helm_python  # Helm's decoder: what each document holds

    out = []
    for text in texts:
        try:
            found = helm_python.values_from_yaml(text.encode("utf-8"))
        except helm_python.HelmError as error:
            raise yaml_rewrite.CannotRewrite(
                f"Helm reads a document differently: {error}"
            ) from None
        found = found if isinstance(found, dict) else {}
        plan = planned(found)
        out.append((found, plan.values, plan.renames, plan.sources))
    return out


def migrate_source(source: Source) -> Migration:
    """Return the migration of a values file of the 0.9.1 interface to today's.

    Raises :class:`UnreadableValues` where Helm cannot read the file. The new text is
    checked by Helm's decoder: it must read exactly the migrated values, as Helm 3 and
    as Helm 4; where it would not, the file is left as it was and that needs a person.
    """
    values_file = decoded(source)  # Helm must read it first, as it reads any values file
    helm4, helm3 = values_file.data, values_file.as_helm3().data
    plan4 = planned(helm4)
    plan3 = plan4 if values_file.helm3 is None else planned(helm3)
    helm3_only = [q for q in plan3.unresolved if q not in plan4.unresolved]
    unresolved = [*plan4.unresolved, *(f"{q} (as Helm 3 reads the file)" for q in helm3_only)]
    try:
        bom, codec, text = _text(source)
    except UnicodeDecodeError:  # Helm read it, so this is not expected; say so plainly
        raise UnreadableValues(source.path, 1, "schema-gen cannot decode this file") from None
    migration = Migration(("\ufeff" if bom else "") + text, plan4.notes, unresolved, source.raw)
    if yaml_rewrite.same(plan4.values, helm4) and yaml_rewrite.same(plan3.values, helm3):
        return migration  # nothing moves: the file stays byte for byte
    try:
        new, shapes = yaml_rewrite.rewritten(text, _documents_planned)
        raw = bom + new.encode(codec)
        check = decoded(Source(source.path, raw))
        if not (
            yaml_rewrite.same(check.data, plan4.values)
            and yaml_rewrite.same(check.as_helm3().data, plan3.values)
        ):
            raise yaml_rewrite.CannotRewrite(
                "its YAML documents migrate differently alone than merged, and Helm 3 reads "
                "the first alone, Helm 4 all of them merged: merge them into one document"
                if values_file.helm3 is not None
                else "the rewritten text would read differently"
            )
    except (yaml_rewrite.CannotRewrite, UnreadableValues, RecursionError, MemoryError) as error:
        why = (
            error.why if isinstance(error, UnreadableValues) else str(error) or type(error).__name__
        )
        migration.unresolved.append(
            f"schema-gen cannot rewrite this file so that Helm reads the migrated values ({why}); "
            "make the changes above by hand"
        )
        return migration
    except Exception as error:  # PyYAML refused what Helm's decoder read: say so, do not guess
        migration.unresolved.append(
            f"schema-gen cannot rewrite this file: its YAML parser stops where Helm's does not "
            f"({' '.join(str(error).split())}); make the changes above by hand"
        )
        return migration
    migration.notes += shapes
    migration.text, migration.raw = ("\ufeff" if bom else "") + new, raw
    return migration


def migrate_text(text: str, path: Path = Path("values.yaml")) -> Migration:
    """Return ``text`` (a values file of the 0.9.1 interface) migrated to today's interface."""
    return migrate_source(Source(path, text.encode("utf-8")))


def migrate_file(source: Source, namespace: str | None = None) -> tuple[Migration, list[str], bool]:
    """Return the migration of ``source``, lint's lines on its result, and whether Helm refuses it.

    Raises :class:`UnreadableValues` when the file cannot be read, as lint does.
    """
    from schema_gen.tools import lint

    migration = migrate_source(source)
    result = decoded(Source(source.path, migration.raw))
    lines, refused = lint.report([result], None, namespace)
    return migration, lines, refused
