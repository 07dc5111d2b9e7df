"""The chart README, as GitHub and Artifact Hub show it: ordered like the best charts',
its example valid, its links pointing at pages the site has, its tables inside GitHub's
980 px column."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import markdown
import pytest

from tests.browser import browser, evaluate, send, wait_for
from tests.conftest import CHART
from tests.shared.chart_readme import META, README


@pytest.mark.skipif(not shutil.which("helm"), reason="no helm CLI on PATH")
def test_helm_show_readme_starts_with_the_title():
    shown = subprocess.run(["helm", "show", "readme", str(CHART)], capture_output=True,
                           text=True, check=True).stdout  # fmt: skip
    assert shown.startswith(f"# {META['name']}\n"), shown[:200]


def _github_css() -> Path:
    # github-markdown-css (npm), the stylesheet that reproduces GitHub's README view;
    # .ci/run fetches it. Missing in CI is a failure, not a skip.
    found = os.environ.get("GITHUB_MARKDOWN_CSS")
    if found and Path(found).is_file():
        return Path(found)
    if os.environ.get("CI"):
        pytest.fail("GITHUB_MARKDOWN_CSS is not set; .ci/run fetches github-markdown-css")
    pytest.skip("set GITHUB_MARKDOWN_CSS to github-markdown-css's github-markdown-light.css")


# Tables wider than the column (GitHub scrolls them) and the text of the heading above each.
_WIDE_TABLES = """Array.from(document.querySelectorAll('table'))
  .filter(table => table.scrollWidth > table.clientWidth + 1)
  .map(table => { let h = table.previousElementSibling;
                  while (h && !/^H\\d/.test(h.tagName)) h = h.previousElementSibling;
                  return [h ? h.textContent : '', table.scrollWidth]; })"""


def test_every_table_fits_githubs_980_px_column(tmp_path):
    css = _github_css().read_text(encoding="utf-8")
    body = markdown.markdown(README, extensions=["tables", "fenced_code"])
    page = tmp_path / "readme.html"
    page.write_text(
        "<!doctype html><meta charset=utf-8><style>"
        + css
        # github-markdown-css's own recipe for GitHub's README column
        + ".markdown-body{box-sizing:border-box;max-width:980px;margin:0 auto;padding:45px}"
        + f"</style><article class=markdown-body>{body}</article>",
        encoding="utf-8",
    )
    with browser(page.as_uri()) as tab:
        metrics = {"width": 1280, "height": 800, "deviceScaleFactor": 1, "mobile": False}
        send(tab, "Emulation.setDeviceMetricsOverride", metrics)
        send(tab, "Page.reload", {})
        assert wait_for(
            tab, "document.readyState === 'complete' && !!document.querySelector('table')"
        )
        tables = evaluate(tab, "document.querySelectorAll('table').length")
        wide = evaluate(tab, _WIDE_TABLES)
    assert tables >= 10
    assert not wide, wide
