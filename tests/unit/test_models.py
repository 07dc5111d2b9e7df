"""The models enforce the per-entry rules themselves and describe the chart's defaults."""

from __future__ import annotations

import pydantic
import pytest
import yaml

from schema_gen.contract import differences
from schema_gen.contract.model_fields import walk
from schema_gen.contract.models import ExtraVolume, ExtraVolumeMount, Values
from schema_gen.contract.models.base import NotInUpstream
from tests.conftest import CHART, REPO


def test_values_yaml_holds_exactly_the_models_defaults():
    shipped = yaml.safe_load((CHART / "values.yaml").read_text(encoding="utf-8"))
    assert shipped == Values.model_construct().model_dump(
        by_alias=True, exclude_none=True, exclude={"global_"}
    )


def _leaves(node, at=()):
    if isinstance(node, dict) and node:
        for key, value in node.items():
            yield from _leaves(value, (*at, key))
    else:
        yield ".".join(at), node


# Where our defaults are spelled differently from upstream 0.9.29's, meaning the same.
SAME_MEANING = {
    # A null default is no default: Helm drops the key either way.
    "autoscaling.targetMemoryUtilizationPercentage": (None, "absent"),
    "controllers.autoscaling.targetMemoryUtilizationPercentage": (None, "absent"),
    # Each key written out empty, which the templates read as unset, as they read {}.
    "linearMcpGateway.image": ({}, "absent"),
}
# Keys only this chart has: each is marked NotInUpstream on its field, naming the
# differences page's entry that says why.
MARKED = {at.dotted: marker.entry for at in walk(Values) for marker in at.metadata(NotInUpstream)}


def _ours_only(key: str) -> bool:
    return any(key == marked or key.startswith(f"{marked}.") for marked in MARKED)


def test_every_default_is_upstreams_key_for_key():
    upstream = yaml.safe_load(
        (REPO / "tests/upstream/charts/agents-0.9.29/values.yaml").read_text(encoding="utf-8")
    )
    ours = dict(_leaves(yaml.safe_load((CHART / "values.yaml").read_text(encoding="utf-8"))))
    theirs = dict(_leaves(upstream))
    differing = {
        key: (value, ours.get(key, "absent"))
        for key, value in theirs.items()
        if ours.get(key, "absent") != value
    }
    assert differing == SAME_MEANING
    # The oracle is upstream's values.yaml: what it lacks is what the models mark, no more.
    assert set(ours) - set(theirs) == {key for key in ours if _ours_only(key)}
    assert not {key for key in theirs if _ours_only(key) and key not in SAME_MEANING}


def test_each_key_upstream_lacks_names_the_differences_entry_that_says_why():
    titles = {title for title, _why in differences.BY_DESIGN}
    assert MARKED and set(MARKED.values()) <= titles


@pytest.mark.parametrize(
    "mount",
    [
        {"name": "data", "mountPath": "/data", "readOnly": None},
        {"name": "data", "mountPath": "/data", "readOnly": "true"},
        {"name": "data", "mountPath": ""},
        {"name": "data", "mountPath": "/data", "mountPropagation": "Always"},
        {"name": "data"},
    ],
)
def test_mount_rejects_what_the_schema_rejects(mount):
    with pytest.raises(pydantic.ValidationError):
        ExtraVolumeMount.model_validate(mount)


def test_accepted_mount_keeps_exactly_the_fields_it_was_given():
    given = {"name": "data", "mountPath": "/data", "readOnly": True}
    parsed = ExtraVolumeMount.model_validate(given)
    assert parsed.model_dump(by_alias=True, exclude_unset=True) == given


def test_volume_source_errors_name_the_field_inside_the_source():
    with pytest.raises(pydantic.ValidationError) as caught:
        ExtraVolume.model_validate({"name": "a", "volume": {"secret": {"defaultMode": "0440"}}})
    (error,) = caught.value.errors()
    assert error["loc"] == ("volume",)
    assert [path for path, _why in error["ctx"]["error"].found] == [
        ("secret",),
        ("secret", "defaultMode"),
    ]


def test_two_sources_are_refused_with_their_names():
    with pytest.raises(pydantic.ValidationError) as caught:
        ExtraVolume.model_validate({"name": "a", "volume": {"emptyDir": {}, "secret": {}}})
    assert "holds 2 volume sources (emptyDir, secret); exactly one is allowed" in str(caught.value)


def test_volume_source_is_kept_as_written():
    source = {"projected": {"sources": [{"secret": {"name": "s"}}], "defaultMode": 256}}
    assert ExtraVolume.model_validate({"name": "a", "volume": source}).volume == source
