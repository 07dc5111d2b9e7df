"""The chart README, as GitHub and Artifact Hub show it: ordered like the best charts',
its example valid, its links pointing at pages the site has, its tables inside GitHub's
980 px column."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import markdown
import pytest
import yaml

from schema_gen.project import project
from tests.browser import browser, evaluate, send, wait_for
from tests.conftest import CHART, REPO, main_container, pod_spec, render

README = (CHART / "README.md").read_text(encoding="utf-8")
META = yaml.safe_load((CHART / "Chart.yaml").read_text(encoding="utf-8"))
SITE = project().site  # pyproject.toml's Documentation URL
# Sections in the order operators read them, as the well-known charts' READMEs have them.
SECTIONS = [
    "TL;DR", "Prerequisites", "Installing", "Upgrading", "Upgrading from 0.10",
    "Switching from the upstream chart",
    "Uninstalling", "Extra volumes and mounts", "Parameters", "Config Mapping",
]  # fmt: skip


def _shown(text: str) -> str:
    """Return the README without its HTML comments: the text a reader sees."""
    return re.sub(r"<!--.*?-->", "", text, flags=re.S)


def test_sections_come_in_the_order_operators_read_them():
    headings = re.findall(r"^## (.+)$", README, re.M)
    assert headings == SECTIONS


def test_it_shows_the_chart_version_and_app_version_from_chart_yaml():
    facts = f"Chart version **{META['version']}**, appVersion **{META['appVersion']}**"
    assert facts in _shown(README)


def test_notes_for_maintainers_are_comments_a_reader_does_not_see():
    assert "nox -s schema" in README
    assert "nox" not in _shown(README) and "schema_gen/" not in _shown(README)


def test_its_extra_volumes_example_renders_the_mount_in_both_pods():
    section = README.split("## Extra volumes and mounts", 1)[1]
    example = yaml.safe_load(re.search(r"```yaml\n(.*?)```", section, re.S).group(1))
    rendered = render({**example, "controllers": {"enabled": True}})
    for deployment in ("agents", "agents-controllers"):
        volumes = [v["name"] for v in pod_spec(rendered, deployment)["volumes"]]
        mounts = {m["name"]: m for m in main_container(rendered, deployment)["volumeMounts"]}
        assert "corp-ca" in volumes
        assert mounts["corp-ca"] == example["extraVolumeMounts"][0]


def test_its_links_point_at_pages_the_site_has():
    nav = yaml.load((REPO / "mkdocs.yml").read_text(), Loader=_IgnoreTags)["nav"]
    pages = {
        SITE + ("" if page == "index.md" else page.removesuffix(".md") + "/")
        for entry in nav
        for page in entry.values()
    }
    references = dict(re.findall(r"^\[([\w-]+)\]: (\S+)$", README, re.M))
    inline = re.findall(r"\]\((https?://[^)]*)\)", README)
    used = set(re.findall(r"\]\[([\w-]+)\]", README))
    assert used <= references.keys(), used - references.keys()  # no dangling reference
    links = {url for url in [*references.values(), *inline] if url.startswith(SITE)}
    assert {SITE + "values/", SITE + "config-mapping/"} <= links  # the long tables
    assert links <= pages, links - pages
    # Links from the prose to the long tables go through the generated references.
    assert {"values", "config-mapping"} <= used


@pytest.mark.skipif(not shutil.which("helm"), reason="no helm CLI on PATH")
def test_helm_show_readme_starts_with_the_title():
    shown = subprocess.run(["helm", "show", "readme", str(CHART)], capture_output=True,
                           text=True, check=True).stdout  # fmt: skip
    assert shown.startswith(f"# {META['name']}\n"), shown[:200]


class _IgnoreTags(yaml.SafeLoader):
    """mkdocs.yml's !ENV tags, read as plain values."""


_IgnoreTags.add_multi_constructor("!", lambda loader, suffix, node: None)


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
