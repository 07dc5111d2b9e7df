"""Values to environment variables: each declared variable renders, where and as declared,
and the operator's variables win as documented."""

from __future__ import annotations

from schema_gen.contract import environment
from tests.shared.env import DECLARED


def test_every_format_is_used_by_a_declaration():
    assert {d.var.format for d in DECLARED} == set(environment.FORMATS)


def test_the_precedence_is_the_one_the_design_documents():
    # A typed key lowest, env.vars as the shared base, the chart's forced variables
    # over it, and a component's own env.vars over everything in that Deployment.
    assert [layer.source("controllers") for layer in environment.PRECEDENCE] == [
        "typed key",
        "env.vars",
        "forced by the chart",
        "controllers.env.vars",
    ]
