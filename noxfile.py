"""Sessions for the agents chart's schema generator: `nox` alone runs the checks CI runs."""

from __future__ import annotations

import hashlib
import importlib.util
import os
import shutil
from pathlib import Path

import nox
import nox.virtualenv
import packaging.version

nox.needs_version = ">=2025.2.9"
nox.options.default_venv_backend = "venv"
# With the venv backend nox still looks for uv before every command a session runs, and
# logs "uv binary not found" each time where there is none: say there is none, once.
if shutil.which(os.environ.get("UV", "uv")) is None and importlib.util.find_spec("uv") is None:
    nox.virtualenv.HAS_UV, nox.virtualenv.UV = False, "uv"
    nox.virtualenv.UV_VERSION = packaging.version.Version("0")
nox.options.reuse_existing_virtualenvs = True
nox.options.sessions = ["lint", "ci"]

PYPROJECT = nox.project.load_toml("pyproject.toml")
# The property test's documents in CI: what two cores check in about a minute
# (`nox -s property` draws 2,000).
CI_PROPERTY_EXAMPLES = 600
# The differential test's installs in CI (tests/property/test_differential.py): each costs
# two renders and the API server's checks, about 0.06 s on one core, so 500 take about 30 s
# on the core beside the one-verdict halves (the property tier: 33 s on 2 cores); `nox -s
# differential -- N` runs more (20,000 took 17 minutes on one core).
CI_DIFFERENTIAL_EXAMPLES = 500


def _install(session: nox.Session, *groups: str, project: bool = True) -> None:
    """Install the project (editable) and dependency groups, unless the venv has them.

    A stamp in the venv holds the digest of pyproject.toml and what was asked for; the
    editable install follows source edits by itself, so only a change to pyproject.toml
    (or a new venv) runs pip again. The stamp is written by an install step, which
    `--no-install` skips, so a skipped install never stamps the venv.
    """
    stamp = Path(session.virtualenv.location) / "schema-gen-installed"
    wanted = hashlib.sha256(Path("pyproject.toml").read_bytes() + repr((groups, project)).encode())
    if stamp.is_file() and stamp.read_text() == wanted.hexdigest():
        return
    if project:
        session.install("-e", ".")
    for group in groups:
        session.install(*nox.project.dependency_groups(PYPROJECT, group))
    write = f"import pathlib; pathlib.Path({str(stamp)!r}).write_text({wanted.hexdigest()!r})"
    session.run_install("python", "-c", write, silent=True)


@nox.session
def schema(session: nox.Session) -> None:
    """Regenerate every generated file from the models (`-- --check` only reports)."""
    _install(session, "generate")
    session.run("schema-gen", "generate", *session.posargs)


def _check(session: nox.Session, *args: str) -> None:
    session.run("schema-gen", "generate", "--check", *args)


def _tests(session: nox.Session, *args: str) -> None:
    session.run("pytest", "--ignore=tests/property", "--numprocesses=auto", *args)


@nox.session
def unit(session: nox.Session) -> None:
    """Run the unit tier (tests/unit): pure Python, no Helm engine, in seconds."""
    _install(session, "test")
    session.run("pytest", "tests/unit", "--numprocesses=auto", *session.posargs)


def _property(
    session: nox.Session, *args: str, examples: int = 2000, differential: int = 2000
) -> None:
    # One file per core: see tests/property.
    session.run(
        "pytest", "tests/property", "--numprocesses=auto", "--dist=loadfile", *args,
        env={"PROPERTY_EXAMPLES": str(examples), "DIFFERENTIAL_EXAMPLES": str(differential)},
    )  # fmt: skip


@nox.session
def check(session: nox.Session) -> None:
    """Fail, naming the file, if a generated file differs from a fresh generation."""
    _install(session, "generate")
    _check(session, *session.posargs)


@nox.session
def tests(session: nox.Session) -> None:
    """Run every tier but the property test: unit, chart (Helm's SDK) and e2e (CLIs, site)."""
    _install(session, "test")
    _tests(session, *session.posargs)


@nox.session
def property(session: nox.Session) -> None:
    """Run the property tests: 2,000 documents for one verdict, 2,000 installs against upstream."""
    _install(session, "test")
    _property(session, *session.posargs)


@nox.session
def ci(session: nox.Session) -> None:
    """Run check, tests and a CI-sized property test in one environment (what `nox` runs)."""
    _install(session, "test")
    _check(session)
    _tests(session)
    _property(session, examples=CI_PROPERTY_EXAMPLES, differential=CI_DIFFERENTIAL_EXAMPLES)


@nox.session
def differential(session: nox.Session) -> None:
    """Render N drawn installs with upstream 0.9.29 and ours (`-- N`); keep shrunk failures."""
    _install(session, "test")
    examples = session.posargs[0] if session.posargs else "2000"
    session.run(
        "pytest", "tests/property/test_differential.py", "-p", "no:cacheprovider",
        *session.posargs[1:],
        env={"DIFFERENTIAL_EXAMPLES": examples, "DIFFERENTIAL_KEEP": "1"},
    )  # fmt: skip


@nox.session
def lint(session: nox.Session) -> None:
    """Check formatting and lint with ruff."""
    _install(session, "lint", project=False)
    session.run("ruff", "format", "--check", ".")
    session.run("ruff", "check", ".", *session.posargs)


@nox.session
def dist(session: nox.Session) -> None:
    """Build the release's wheel, sdist and chart package into dist/, reproducibly; twine check."""
    _install(session, "release")
    shutil.rmtree("dist", ignore_errors=True)
    session.run("python", ".ci/dist.py", "dist")
    python = sorted(str(p) for p in Path("dist/python").iterdir())
    session.run("twine", "check", "--strict", *python)


@nox.session
def release(session: nox.Session) -> None:
    """Run one step of the release workflow (.ci/release.py: version, notes, published, index)."""
    _install(session, "release")
    session.run("python", ".ci/release.py", *session.posargs)


@nox.session
def docs(session: nox.Session) -> None:
    """Build the mkdocs-material site into site/ with --strict."""
    _install(session, "docs", project=False)
    # Material for MkDocs prints a banner on its end of life (May 2027) on every build;
    # docs/maintainers.md carries that news once, where it is acted on.
    session.run(
        "mkdocs", "build", "--strict", "--site-dir", "site", *session.posargs,
        env={"NO_MKDOCS_2_WARNING": "1"},
    )  # fmt: skip


@nox.session
def bench(session: nox.Session) -> None:
    """Print the benchmark figures: the runs users meet, GitOps stacks, render cost."""
    _install(session, "generate")
    session.run("python", "benchmarks/bench_commands.py", *session.posargs)
    session.run("python", "benchmarks/bench_stacks.py", *session.posargs)
    session.run("python", "benchmarks/bench_render.py", *session.posargs)


@nox.session
def mutants(session: nox.Session) -> None:
    """Apply realistic mutations (mutants/mutations.py) to a copy of the tree; list survivors."""
    _install(session, "test")
    session.run("python", "mutants/run.py", *session.posargs)


@nox.session
def messages(session: nox.Session) -> None:
    """Capture what helm (Helm 4), $HELM3_BIN and lint print for each troubleshooting sample."""
    _install(session, "generate")
    session.run(
        "python", "-m", "schema_gen.generator.message_captures",
        "--helm4", "helm", "--helm3", os.environ["HELM3_BIN"],
    )  # fmt: skip
