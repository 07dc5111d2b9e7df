"""The troubleshooting pages show what the official CLIs print for each sample, today.

The words are captured from the binaries by ``nox -s messages`` into
``docs/troubleshooting/captured/messages.yaml``; these tests run the same capture again
and compare. Each binary runs once per sample, and only where nothing cheaper holds the
words: Helm 4 on the chart's own samples (its schema errors are the SDK's, so the API
server's samples are held by the SDK, in process), Helm 3 on every sample that fails
(its schema validator is another library), lint in process on all of them. The verdict
follows from the words: a sample that no longer fails has no error to compare.
"""

from __future__ import annotations

import pytest
import yaml

from schema_gen.generator import message_captures
from schema_gen.tools.helm_engine import RenderRejected
from tests.conftest import render
from tests.shared.troubleshooting import RERUN, SAMPLES, _ids

_HINT = "Use --debug flag to render out invalid YAML"


API = [s for s in SAMPLES if s.folder == "api"]


@pytest.mark.parametrize("sample", API, ids=_ids(API))
def test_the_sdk_refuses_each_api_sample_with_the_words_helm_4_printed(sample):
    # The Helm 4 CLI prints the SDK's error after "Error: " (and a template's with its
    # --debug hint): the SDK's refusal, in process, holds the capture current.
    with pytest.raises(RenderRejected) as caught:
        render(yaml.safe_load(sample.values) or {})
    said = sample.printed["helm4"].removeprefix("Error: ").removesuffix(_HINT).strip()
    assert message_captures.same_print(said, caught.value.message.strip()), (
        f"{sample.path}: {RERUN}"
    )
