"""Records of earlier work, keyed by digests of everything the work read.

``schema-gen generate --check`` trusts a matching record of the last full
generation instead of generating again, so a check of an unchanged tree costs a
few file reads. The inputs are everything generation reads: the generator's
source, every file of the chart and of the docs directory, and the installed
packages and Helm engine that shape the output. A change to any of them, or to a
generated file, misses the record, and the check generates in full. Only a full
generation writes a record, and ``generate`` (without ``--check``) always
generates in full.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import shutil
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from schema_gen import project

FORMAT = 1
# What generation runs on besides its own source: the models' validator, the Helm
# engine, the Kubernetes definitions, the YAML reader.
PACKAGES = ("pydantic", "pydantic_core", "helm_python", "kubernetes_validate", "yaml")
_SOURCE = Path(__file__).resolve().parent


def cache_dir() -> Path:
    """Return where records are kept: $SCHEMA_GEN_CACHE, else the user's cache directory."""
    if chosen := os.environ.get("SCHEMA_GEN_CACHE"):
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "schema-gen"


def _record_path(chart: Path, docs: Path | None) -> Path:
    # One record per tree and interpreter: each venv (nox's sessions, a user's) keeps
    # its own instead of overwriting another's.
    where = f"{chart.resolve()}\0{docs.resolve() if docs else ''}\0{sys.executable}"
    return cache_dir() / f"{hashlib.sha256(where.encode()).hexdigest()[:24]}.json"


def _file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _files(root: Path, outputs: set[Path]) -> Iterable[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file() and p.resolve() not in outputs)


def _engine() -> list[str]:
    """Return what identifies the installed packages and Helm engine, without importing them."""
    from schema_gen.helm_engine import engine_name  # light: Helm's SDK loads on first render

    found = [sys.version, engine_name()]
    binary = shutil.which("helm") if engine_name() == "cli" else None
    for origin in [*(_origin(name) for name in PACKAGES), binary]:
        stat = os.stat(origin) if origin else None
        found.append(f"{origin}:{stat.st_size}:{stat.st_mtime_ns}" if stat else f"{origin}")
    return found


def _origin(name: str) -> str | None:
    spec = importlib.util.find_spec(name)
    return spec.origin if spec else None


def _source_and_engine(digest: Any) -> None:
    for part in _engine():
        digest.update(f"{part}\0".encode())
    for path in _files(_SOURCE, set()):
        if path.suffix == ".py":  # bytecode caches are not the source
            digest.update(f"{path.relative_to(_SOURCE)}\0{_file_digest(path)}\0".encode())
    if pyproject := project.source():  # the addresses and name the generated files show
        digest.update(f"pyproject\0{_file_digest(pyproject)}\0".encode())
    digest.update(b"\1")


def inputs_digest(chart: Path, docs: Path | None, outputs: Iterable[Path]) -> str:
    """Return the digest of everything generation reads, generated files aside."""
    skip = {p.resolve() for p in outputs}
    digest = hashlib.sha256(f"schema-gen record {FORMAT}\0".encode())
    _source_and_engine(digest)
    for root in [chart, *([docs] if docs else [])]:
        for path in _files(root, skip):
            digest.update(f"{path.relative_to(root)}\0{_file_digest(path)}\0".encode())
        digest.update(b"\1")
    return digest.hexdigest()


def trusted(chart: Path, docs: Path | None) -> bool:
    """Return whether the record shows the generated files are current, without generating."""
    try:
        record = json.loads(_record_path(chart, docs).read_text(encoding="utf-8"))
        outputs: dict[str, str] = record["outputs"]
        if record["format"] != FORMAT or not outputs:
            return False
        if any(_file_digest(Path(p)) != digest for p, digest in outputs.items()):
            return False
        return record["inputs"] == inputs_digest(chart, docs, map(Path, outputs))
    except (OSError, ValueError, KeyError, TypeError):
        return False  # no record, or one we cannot read: generate in full


def _write(path: Path, data: Any) -> None:
    """Write ``data`` as JSON, whole or not at all; a cache that cannot be written is skipped."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text(json.dumps(data, sort_keys=True), encoding="utf-8")
        os.replace(partial, path)
    except OSError:
        pass


def save(chart: Path, docs: Path | None, outputs: Mapping[Path, str]) -> None:
    """Record a full generation: its inputs and the text it produced for each file.

    Best effort: a record that cannot be written only means the next check generates.
    """
    record = {
        "format": FORMAT,
        "inputs": inputs_digest(chart, docs, outputs),
        "outputs": {
            str(path.resolve()): hashlib.sha256(text.encode("utf-8")).hexdigest()
            for path, text in outputs.items()
        },
    }
    _write(_record_path(chart, docs), record)
