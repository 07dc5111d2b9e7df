"""schema-gen as operators install it: the nox sessions that test and build it."""

from __future__ import annotations

import ast

from tests.conftest import REPO


def test_nox_alone_runs_lint_the_drift_check_the_tests_and_the_property_test():
    # `nox` is the README's test command and CI's (tests/unit/test_ci_workflow.py).
    tree = ast.parse((REPO / "noxfile.py").read_text(encoding="utf-8"))
    defaults = next(
        node.value for node in ast.walk(tree)
        if isinstance(node, ast.Assign) and ast.unparse(node.targets[0]) == "nox.options.sessions"
    )  # fmt: skip
    assert ast.literal_eval(defaults) == ["lint", "ci"]
    ci = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "ci")
    called = [ast.unparse(c.func) for c in ast.walk(ci) if isinstance(c, ast.Call)]
    assert {"_check", "_tests", "_property"} <= set(called)
