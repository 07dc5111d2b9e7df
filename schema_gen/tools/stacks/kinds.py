"""What a path names, told cheaply from its name and text: a kustomization, a manifest (an
Application, a HelmRelease, a ConfigMap, ...) or a values file.

Every lint asks, so this module imports nothing of the stacks: a values file is told
apart without loading them.
"""

from __future__ import annotations

import re
from pathlib import Path

# The names kustomize reads a kustomization from (konfig.RecognizedKustomizationFileNames).
KUSTOMIZATION_NAMES = ("kustomization.yaml", "kustomization.yml", "Kustomization")
# A manifest says what it is at its top level; a values file of this chart never does.
_MANIFEST = re.compile(rb"^kind:\s*\S", re.M)
_API_VERSION = re.compile(rb"^apiVersion:\s*\S", re.M)
_STACK = re.compile(rb"^kind:\s*['\"]?(Application|HelmRelease)\b|^helmCharts:", re.M)
_HEAD = 1 << 20  # a manifest says what it is long before this


def _head(path: Path) -> bytes:
    try:
        with open(path, "rb") as handle:
            return handle.read(_HEAD)
    except OSError:
        return b""


def is_manifest_path(path: Path) -> bool:
    """Return whether ``path`` names a stack or a manifest rather than a values file."""
    if str(path) == "-":
        return False
    if path.is_dir():  # a kustomization's folder; any other folder is lint's old error
        return any((path / name).is_file() for name in KUSTOMIZATION_NAMES)
    if path.name in KUSTOMIZATION_NAMES:
        return True
    if not path.is_file():
        return False
    head = _head(path)
    return bool(_MANIFEST.search(head) and _API_VERSION.search(head))


def may_declare_stack(path: Path) -> bool:
    """Return whether the file at ``path`` may declare a stack (a kustomization, or a file
    that holds an Application or a HelmRelease)."""
    return path.name in KUSTOMIZATION_NAMES or bool(_STACK.search(_head(path)))
