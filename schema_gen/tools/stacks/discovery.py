"""What each path handed to lint or explain is, and the stacks it declares.

A path is a stack when it is a folder or a kustomization file (kustomize), or a
manifest holding an ``Application`` (Argo CD) or a ``HelmRelease`` (Flux); any other
manifest (a ConfigMap, a Secret) is where a HelmRelease's values may be found; anything
else is a values file, linted as it always was. The pre-commit hook hands over changed
files: :func:`stacks_using` finds the stacks in the repository that read any of them.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from schema_gen.tools.stacks import argocd, flux, kustomize
from schema_gen.tools.stacks.kinds import KUSTOMIZATION_NAMES, is_manifest_path, may_declare_stack
from schema_gen.tools.stacks.layers import Stack, StackError
from schema_gen.tools.stacks.manifests import Manifest, read_manifests
from schema_gen.tools.values_decoding import UnreadableValues


@dataclass
class Named:
    """What a lint's paths hold: the stacks (and notes), and the plain values files."""

    stacks: list[Stack | str | StackError] = field(default_factory=list)
    values_files: list[Path] = field(default_factory=list)


def _manifest_stacks(
    path: Path,
    manifests: list[Manifest],
    named: list[Manifest],
    named_files: Sequence[Path],
    repos: Mapping[str, Path],
    chart: Path,
) -> Iterator[Stack | str]:
    for manifest in manifests:
        if argocd.is_application(manifest):
            yield from argocd.stacks(manifest, repos, chart)
        elif flux.is_helm_release(manifest):
            yield from flux.stacks(manifest, named, named_files)


def named(paths: Sequence[Path], repos: Mapping[str, Path], chart: Path) -> Named:
    """Return the stacks ``paths`` declare (an error in place of a stack that cannot be
    read) and the values files among them."""
    found = Named()
    manifest_files = [
        p
        for p in paths
        if is_manifest_path(p) and not p.is_dir() and p.name not in KUSTOMIZATION_NAMES
    ]
    documents: dict[Path, list[Manifest]] = {}
    for path in manifest_files:
        try:
            documents[path] = read_manifests(path)
        except (StackError, UnreadableValues) as error:
            documents[path] = []
            found.stacks.append(_as_stack_error(error))
    every = [m for ms in documents.values() for m in ms]
    for path in paths:
        if not is_manifest_path(path):
            found.values_files.append(path)
            continue
        try:
            if path.is_dir() or path.name in KUSTOMIZATION_NAMES:
                kustomization = kustomize.kustomization_in(path)
                if kustomization is None:
                    raise StackError(
                        path,
                        None,
                        "no kustomization file here (kustomization.yaml"
                        "); name one, a manifest or a values file",
                    )
                found.stacks += _expanded(kustomize.stacks(kustomization, chart), repos, chart)
                continue
            found.stacks += list(
                _manifest_stacks(path, documents[path], every, manifest_files, repos, chart)
            )
        except (StackError, UnreadableValues) as error:
            found.stacks.append(_as_stack_error(error))
    return found


def _expanded(
    items: Iterator[Stack | str | Path], repos: Mapping[str, Path], chart: Path
) -> list[Stack | str]:
    """Return a kustomization's stacks, with those of the Applications and HelmReleases among
    its resource files (which find their ConfigMaps beside them)."""
    found: list[Stack | str] = []
    for item in items:
        if not isinstance(item, Path):
            found.append(item)
            continue
        try:
            documents = read_manifests(item)
        except (StackError, UnreadableValues):
            continue  # a resource kustomize reads, none of lint's concern
        found += _manifest_stacks(item, documents, documents, [], repos, chart)
    return found


def _as_stack_error(error: StackError | UnreadableValues) -> StackError:
    if isinstance(error, StackError):
        return error
    return StackError(error.path, error.line, error.why)


def _repository_yaml(root: Path) -> list[Path]:
    """Return the YAML files of the git work tree at ``root`` (tracked and new)."""
    try:
        listed = subprocess.run(
            [
                "git",
                "ls-files",
                "-z",
                "--cached",
                "--others",
                "--exclude-standard",
                "--",
                "*.yaml",
                "*.yml",
                "*Kustomization",
            ],
            cwd=root,
            capture_output=True,
            check=True,
        ).stdout.decode("utf-8", "replace")
    except (OSError, subprocess.CalledProcessError):
        return []
    return [root / name for name in listed.split("\0") if name]


def stacks_using(changed: Sequence[Path], repos: Mapping[str, Path], chart: Path) -> list[Path]:
    """Return the stack files to lint when ``changed`` files change: the stacks among
    them, and every stack of the repository that reads one of them."""
    wanted = {Path(os.path.realpath(p)) for p in changed}
    chosen = [p for p in changed if may_declare_stack(p)]
    root = argocd.work_tree(Path.cwd())
    candidates = [p for p in _repository_yaml(root) if may_declare_stack(p)] if root else []
    for candidate in candidates:
        if candidate in chosen or Path(os.path.realpath(candidate)) in wanted:
            continue
        try:
            found = named([candidate], repos, chart).stacks
        except (StackError, UnreadableValues):
            continue
        read = {
            Path(os.path.realpath(path))
            for stack in found
            if isinstance(stack, Stack)
            for path in [stack.path, *stack.reads]
        }
        if read & wanted:
            chosen.append(candidate)
    return list(dict.fromkeys(chosen))
