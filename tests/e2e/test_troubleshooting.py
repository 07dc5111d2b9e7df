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

from schema_gen.generator import message_captures
from tests import helm_clis
from tests.conftest import CHART
from tests.shared.troubleshooting import RERUN, SAMPLES, _ids

HELM4 = [s for s in SAMPLES if s.folder != "api"]


HELM3 = [s for s in SAMPLES if s.header("stage") != "notes"]


@pytest.mark.parametrize("sample", HELM4, ids=_ids(HELM4))
def test_helm_4_prints_what_the_page_shows(sample):
    fresh = message_captures.helm_printed(helm_clis.cli(4), CHART, sample)
    assert message_captures.same_print(fresh, sample.printed["helm4"]), f"{sample.path}: {RERUN}"


@pytest.mark.parametrize("sample", HELM3, ids=_ids(HELM3))
def test_helm_3_prints_what_the_page_shows(sample):
    fresh = message_captures.helm_printed(helm_clis.cli(3), CHART, sample)
    assert message_captures.same_print(fresh, sample.printed["helm3"]), f"{sample.path}: {RERUN}"
