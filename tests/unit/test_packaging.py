"""schema-gen as operators install it: a wheel that carries the chart, a pre-commit hook
for GitOps repositories, and CI workflows GitHub will accept."""

from __future__ import annotations

from tests.conftest import REPO


def test_ci_runs_every_default_session_with_both_helm_majors():
    ci = (REPO / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8")
    assert "v3." in ci and "v4." in ci
    for session in ("lint", "check", "tests", "property"):
        assert session in ci
