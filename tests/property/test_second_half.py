"""The second half of the one-verdict property's examples, in its own file so that it runs
on another core (see test_one_verdict.py)."""

from __future__ import annotations

from hypothesis import event, given

from tests.property.test_one_verdict import ONE_VERDICT, assert_one_verdict, documents


@ONE_VERDICT
@given(documents())
def test_models_helm_and_jsonschema_give_one_verdict_second_half(values):
    event("accepted" if assert_one_verdict(values) else "refused")
