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

from schema_gen.generator import message_captures, troubleshooting_docs
from schema_gen.generator.troubleshooting_samples import (
    PRINTERS,
    Sample,
    UnusableSample,
    problem_lines,
    stored_captures,
)
from tests.conftest import REPO, TROUBLESHOOTING
from tests.shared.troubleshooting import RERUN, SAMPLES, _ids

BY_PATH = {sample.path: sample for sample in SAMPLES}


def test_every_sample_has_its_words_captured_and_nothing_else_is():
    stored = stored_captures(TROUBLESHOOTING)
    assert set(stored) == set(BY_PATH), RERUN
    for sample in SAMPLES:
        expected = [p for p in PRINTERS if p != "helm3" or sample.header("stage") != "notes"]
        assert list(sample.printed) == expected, (sample.path, RERUN)
        assert not any(w.startswith("(renders") for w in sample.printed.values()), sample.path


@pytest.mark.parametrize("sample", SAMPLES, ids=_ids(SAMPLES))
def test_lint_prints_what_the_page_shows(sample):
    assert message_captures.lint_printed(sample) == sample.printed["lint"], RERUN


def test_each_sample_says_what_it_shows_and_the_pages_show_each_capture():
    pages = {
        folder: (REPO / "docs" / "generated" / page).read_text(encoding="utf-8")
        for folder, page in (("", "troubleshooting.md"), ("api", "api-checks.md"))
    }
    for sample in SAMPLES:
        for key in ("title", "rule", "fix", "stage") if sample.leads else ():
            assert sample.header(key), f"{sample.path}: no '# {key}:' header"
        # An API server sample's meaning may be its rules' (# api-rules:, from api_rules.py).
        assert not sample.leads or sample.header("meaning") or sample.headers("api-rules")
        page = pages["api" if sample.folder == "api" else ""]
        if sample.leads:  # the whole error, as each CLI printed it
            for printed in sample.printed.values():
                assert f"```text\n{printed}\n```" in page, sample.path
        else:  # inside its entry: each CLI's problems
            assert f"{{#{sample.entry} " in page, sample.path
            for line in problem_lines(sample.printed["helm3"]):
                assert f"Helm 3: - {line}" in page, sample.path


def test_every_error_kind_has_an_entry():
    # Issue 23: each contract rule and chart rule (R5's shapes are schema errors, shown in
    # their entries), each schema error kind, the keys of 0.9.1, the notes, and each API
    # server rule the schema carries.
    names = {s.name for s in SAMPLES}
    leads = {s.name for s in SAMPLES if s.leads}
    for number in range(1, 18):
        assert any(name.startswith(f"r{number}-") for name in names), f"R{number}"
    kinds = (
        "schema-unknown-key", "schema-wrong-value", "schema-wrong-type", "schema-pattern",
        "schema-missing-key", "schema-null-section", "schema-out-of-range", "schema-too-long",
        "from-091-moved-key", "r9-jangar-variable",
    )  # fmt: skip
    assert set(kinds) <= leads, set(kinds) - leads
    assert BY_PATH["schema-unknown-key-nested.yaml"].entry == "schema-unknown-key"
    assert {s.name for s in SAMPLES if s.folder == "notes"} <= leads
    shown = {name for s in SAMPLES for name in s.headers("api-rules")}
    assert set(troubleshooting_docs._rules_by_name()) == shown


def test_the_search_knows_every_entry():
    entries = troubleshooting_docs.entries_js(SAMPLES)
    for sample in SAMPLES:
        assert f'"anchor": "{sample.entry}"' in entries, sample.path


@pytest.mark.parametrize("sample", SAMPLES, ids=_ids(SAMPLES))
def test_lint_gives_helms_verdict_on_each_sample(sample):
    refused = sample.header("stage") != "notes"
    assert sample.printed["lint"].endswith("(exit 1)" if refused else "(exit 0)")


@pytest.mark.parametrize(
    ("samples", "said"),
    [
        ([Sample("api/api-x.yaml", "# api-rules: NO_SUCH_RULE\n")], "names no rule api_rules.py"),
        ([Sample("api/api-y.yaml", "# entry: api-x\n")], "no sample leads its entry api-x"),
    ],
    ids=["unknown rule", "no lead"],
)
def test_a_sample_the_page_cannot_show_is_named_with_its_fix(samples, said):
    # generate reports UnusableSample as "FILE: why" and exits 2, never a traceback.
    with pytest.raises(UnusableSample) as caught:
        troubleshooting_docs.api_checks_md(samples)
    assert str(caught.value).startswith(f"troubleshooting sample {samples[0].path}: ")
    assert said in str(caught.value)
