"""Sessions for the agents chart's schema generator: `nox` alone runs the checks CI runs."""

from __future__ import annotations

import nox

nox.needs_version = ">=2025.2.9"
nox.options.default_venv_backend = "venv"
nox.options.reuse_existing_virtualenvs = True
nox.options.sessions = ["lint", "check", "tests", "property"]

PYPROJECT = nox.project.load_toml("pyproject.toml")


def _install(session: nox.Session, *groups: str) -> None:
    session.install("-e", ".")
    for group in groups:
        session.install(*nox.project.dependency_groups(PYPROJECT, group))


@nox.session
def schema(session: nox.Session) -> None:
    """Regenerate every generated file from the models (`-- --check` only reports)."""
    _install(session)
    session.run("schema-gen", "generate", *session.posargs)


@nox.session
def check(session: nox.Session) -> None:
    """Fail, naming the file, if a generated file differs from a fresh generation."""
    _install(session)
    session.run("schema-gen", "generate", "--check", *session.posargs)


@nox.session
def tests(session: nox.Session) -> None:
    """Run the tests: the chart rendered by the real Helm engine, the models, the schema."""
    _install(session, "test")
    session.run("pytest", "--ignore=tests/property", *session.posargs)


@nox.session
def property(session: nox.Session) -> None:
    """Check that pydantic, Helm and jsonschema agree on 2,000 generated values documents."""
    _install(session, "test")
    session.run("pytest", "tests/property", *session.posargs)


@nox.session
def lint(session: nox.Session) -> None:
    """Check formatting and lint with ruff."""
    session.install(*nox.project.dependency_groups(PYPROJECT, "lint"))
    session.run("ruff", "format", "--check", ".")
    session.run("ruff", "check", ".", *session.posargs)


@nox.session
def docs(session: nox.Session) -> None:
    """Build the mkdocs-material site into site/ with --strict."""
    session.install(*nox.project.dependency_groups(PYPROJECT, "docs"))
    session.run("mkdocs", "build", "--strict", "--site-dir", "site", *session.posargs)


@nox.session
def bench(session: nox.Session) -> None:
    """Print the benchmark figures: generation time, schema cost and template scaling."""
    _install(session)
    session.run("python", "benchmarks/bench_generate.py", *session.posargs)
    session.run("python", "benchmarks/bench_render.py", *session.posargs)
