"""Helm's Go SDK where it loads, and Helm's values decoder.

helm-python-sdk carries its native library (libhelm_c) in its wheels, which exist for
:data:`SDK_PLATFORMS` only; elsewhere pip installs its sdist, without the library, and
importing it fails. There the ``helm`` CLI on PATH gives the same verdicts: it renders
(``helm_engine``), and it decodes values files with the same Helm code. Without either,
the commands stop with one line that names the platforms and the way out.
"""

from __future__ import annotations

import functools
import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

# Where helm-python-sdk 0.2.2 has wheels, that is, its native library (libhelm_c).
SDK_PLATFORMS = (
    "Linux with glibc 2.28 or later (x86_64, aarch64), macOS 11 or later on Apple silicon "
    "and Windows x64"
)


class HelmUnavailable(Exception):
    """Neither Helm's Go SDK nor a ``helm`` CLI can run here: one line says why and what to do."""


@functools.cache
def problem() -> str | None:
    """Return why Helm's Go SDK cannot load here, or None when it can.

    helm-python-sdk installs from its sdist where it has no wheel, without the native
    library, and raises its HelmLibraryError while being imported, so there is no class
    to catch by name.
    """
    try:
        import helm_python  # noqa: F401
    except Exception as error:  # HelmLibraryError, ImportError, OSError
        # Its first sentence says what failed; the rest is advice for building the library.
        return re.split(r"\.\s", str(error).strip(), maxsplit=1)[0] or type(error).__name__
    return None


def unavailable() -> HelmUnavailable:
    """Return the error that says the SDK cannot load here, and the way out."""
    return HelmUnavailable(
        "Helm's Go SDK (helm-python-sdk) cannot load its native library on this platform "
        f"({problem()}); it ships one for {SDK_PLATFORMS}, not for Intel macOS, musl "
        "(Alpine) or older glibc. Put a helm CLI (Helm 3 or 4) on PATH and schema-gen "
        "uses it instead."
    )


class ValuesRefused(Exception):
    """Helm's decoder refused a values document; the message is Helm's."""


# A chart whose NOTES.txt is what Helm's decoder makes of one file: `fromYaml` runs
# sigs.k8s.io/yaml's Unmarshal, the very call with which Helm reads a values file, and
# hands an error back as the only key, "Error", in those words.
_DECODER_NOTES = '{{ .Files.Get "document.yaml" | fromYaml | toJson }}'
_DECODER_ERROR = re.compile(r"error (converting YAML to JSON|unmarshaling JSON): ")


def _cli_values(document: bytes) -> Any:
    if not shutil.which("helm"):
        raise unavailable()
    with tempfile.TemporaryDirectory(prefix="schema-gen-decode-") as folder:
        chart = Path(folder)
        (chart / "templates").mkdir()
        (chart / "Chart.yaml").write_text("apiVersion: v2\nname: decode\nversion: 0.0.0\n")
        (chart / "templates" / "NOTES.txt").write_text(_DECODER_NOTES)
        (chart / "document.yaml").write_bytes(document)
        done = subprocess.run(
            ["helm", "install", "decode", str(chart), "--dry-run=client", "-o", "json"],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
    if done.returncode:
        raise ValuesRefused(re.sub(r"^Error: (INSTALLATION FAILED: )?", "", done.stderr.strip()))
    decoded = json.loads(json.loads(done.stdout)["info"]["notes"])
    error = decoded.get("Error") if len(decoded) == 1 else None
    if isinstance(error, str) and _DECODER_ERROR.match(error):
        raise ValuesRefused(error)
    return decoded


def values_from_yaml(document: bytes) -> Any:
    """Return what Helm's values decoder makes of one YAML document (UTF-8, no NUL byte).

    Raises :class:`ValuesRefused` with Helm's message when it refuses the document.
    """
    if problem():
        return _cli_values(document)
    import helm_python

    try:
        return helm_python.values_from_yaml(document)  # type: ignore[arg-type]
    except helm_python.HelmError as error:
        raise ValuesRefused(str(error)) from None
