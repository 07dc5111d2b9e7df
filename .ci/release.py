"""The release's steps that decide something, runnable (and tested) outside GitHub.

    python .ci/release.py version TAG
        Check that TAG names the version of Chart.yaml, pyproject.toml and CHANGELOG.md,
        and that the version may be released (``release_refusal``); print
        ``version=...`` and ``name=...`` for $GITHUB_OUTPUT.
    python .ci/release.py notes VERSION OUT
        Write the CHANGELOG.md entry of VERSION to OUT (the release notes).
    python .ci/release.py published DIST --version V --tag T --pypi URL --download URL --oci REF
        Refuse if anything already published under V differs from the files in DIST:
        PyPI's files for V, the GitHub release's assets, the OCI registry's package (REF
        as helm push takes it; $HELM_PLAIN_HTTP=1 for a local registry). A re-run finds
        them equal.
    python .ci/release.py index DIST PAGES --version V --tag T --download URL [--push]
        Lay the Helm repository index and editor schemas, with V merged in, on the
        gh-pages branch checked out at PAGES: from that branch, or, before it exists,
        seeded from the earlier releases' chart packages. No version is lost; V's entry,
        once published, is never replaced. With --push, commit and push gh-pages.

DIST is what ``nox -s dist`` built (.ci/dist.py). URL arguments are where PyPI lives
(https://pypi.org) and where release assets are downloaded
(``$GITHUB_SERVER_URL/$GITHUB_REPOSITORY/releases/download``), so that a test can
stand a local server in for each.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
import urllib.error
import urllib.request
from pathlib import Path

import yaml
from packaging.version import Version

REPO = Path(__file__).resolve().parent.parent
TAG_PREFIX = "agents-"
CHART = "agents"
SCHEMAS = ("values.schema.json", "values.override.schema.json")


Completed = subprocess.CompletedProcess


class Refused(Exception):
    """The release must stop here; the message says why and what to do."""


def _run(
    *args: str | Path, cwd: Path | None = None, check: bool = True
) -> subprocess.CompletedProcess:
    """Run a command in ``cwd``, by default the current folder: the workflow's checkout."""
    done = subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True,
                          check=False)  # fmt: skip
    if check and done.returncode:
        raise Refused(f"{' '.join(map(str, args))}: {done.stderr.strip() or done.stdout.strip()}")
    return done


# --- version ------------------------------------------------------------------------


def release_refusal(version: str, tags: list[str]) -> str | None:
    """Return why ``version`` cannot be released after the release ``tags``, or None.

    A version is released once. It must be above the last release of its own line
    (major.minor), so 0.10.2 may follow 0.10.1 from a release branch after 0.11.0
    is out; a new line must be above every release.
    """
    released = sorted(Version(t.removeprefix(TAG_PREFIX)) for t in tags)
    new = Version(version)
    if new in released:
        return f"{version} is released already ({TAG_PREFIX}{version})"
    line = [v for v in released if v.release[:2] == new.release[:2]]
    last = line[-1] if line else (released[-1] if released else None)
    if last is not None and new <= last:
        what = f"the last {new.major}.{new.minor}.x release" if line else "the last release"
        return f"{version} is not above {what}, {last}"
    return None


def _tags(exclude: str = "") -> list[str]:
    listed = _run("git", "tag", "--list", f"{TAG_PREFIX}*").stdout.split()
    return [t for t in listed if t != exclude]


def version(tag: str) -> dict[str, str]:
    """Return the version and distribution name a release tag may publish."""
    chart = yaml.safe_load((REPO / "charts" / CHART / "Chart.yaml").read_text(encoding="utf-8"))
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    found = str(chart["version"])
    if tag != f"{TAG_PREFIX}{found}":
        raise Refused(f"the tag is {tag}, Chart.yaml says {found}")
    if project["version"] != found:
        raise Refused(f"pyproject.toml's version is {project['version']}, Chart.yaml's {found}")
    changelog_entry(found)
    refusal = release_refusal(found, _tags(exclude=tag))
    if refusal:
        raise Refused(refusal)
    return {"version": found, "name": project["name"]}


def changelog_entry(version: str) -> str:
    """Return the CHANGELOG.md entry of ``version``, without its heading."""
    text = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    found = re.search(rf"^## \[{re.escape(version)}\][^\n]*\n(.*?)(?=^## \[|\Z)", text, re.M | re.S)
    if not found:
        raise Refused(f"CHANGELOG.md has no entry for {version}")
    return found.group(1).strip() + "\n"


# --- what is published already -------------------------------------------------------


def _fetch(url: str) -> bytes | None:
    """Return the body at ``url``, or None if there is none (404)."""
    try:
        with urllib.request.urlopen(url, timeout=60) as answer:
            return answer.read()
    except urllib.error.HTTPError as error:
        if error.code == 404:
            return None
        raise Refused(f"{url}: HTTP {error.code}") from None
    except (urllib.error.URLError, OSError) as error:  # not knowing is no answer: stop
        raise Refused(f"cannot read {url}: {getattr(error, 'reason', error)}") from None


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def published(dist: Path, version: str, tag: str, pypi: str, download: str, oci: str) -> list[str]:
    """Return what is published already, each identical to DIST; refuse on a difference."""
    same: list[str] = []
    python = {p.name: _sha256(p.read_bytes()) for p in (dist / "python").iterdir()}
    name = next(iter(python)).split("-", 1)[0].replace("_", "-")
    listed = _fetch(f"{pypi.rstrip('/')}/pypi/{name}/{version}/json")
    for entry in json.loads(listed)["urls"] if listed else []:
        ours = python.get(entry["filename"])
        if ours != entry["digests"]["sha256"]:
            raise Refused(
                f"PyPI has {entry['filename']} for {version}, and this build "
                + ("has no such file" if ours is None else "differs from it")
                + ": PyPI never takes a file back; release a new version"
            )
        same.append(f"PyPI {entry['filename']}")
    for path in sorted((dist / "chart").iterdir()):
        asset = _fetch(f"{download.rstrip('/')}/{tag}/{path.name}")
        if asset is None:
            continue
        if asset != path.read_bytes():
            raise Refused(
                f"the GitHub release {tag} has a {path.name} that differs from this build's: "
                "delete the release (and its tag's packages) or release a new version"
            )
        same.append(f"GitHub release {path.name}")
    package = dist / "chart" / f"{CHART}-{version}.tgz"
    with tempfile.TemporaryDirectory(prefix="release-oci-") as folder:
        plain = ["--plain-http"] if os.environ.get("HELM_PLAIN_HTTP") == "1" else []
        pull = _run("helm", "pull", f"{oci}/{CHART}", "--version", version, "-d", folder, *plain,
                    check=False)  # fmt: skip
        if pull.returncode == 0:
            if (Path(folder) / package.name).read_bytes() != package.read_bytes():
                raise Refused(
                    f"{oci}/{CHART}:{version} differs from this build's package: delete that "
                    "package version or release a new version"
                )
            same.append(f"OCI {CHART}:{version}")
        elif not pull.stderr.strip().endswith("not found"):
            raise Refused(f"cannot read {oci}/{CHART}:{version}: {pull.stderr.strip()}")
    return same


# --- the Helm repository index -------------------------------------------------------


def _helm_index(folder: Path, url: str, merge: Path | None) -> Path:
    args = ["helm", "repo", "index", folder, "--url", url]
    _run(*args, *(["--merge", merge] if merge else []))
    return folder / "index.yaml"


def _entries(index: Path) -> dict[str, str]:
    """Return each version in ``index`` and its digest."""
    loaded = yaml.safe_load(index.read_text(encoding="utf-8")) or {}
    return {
        str(e["version"]): e.get("digest", "") for e in loaded.get("entries", {}).get(CHART, [])
    }


def _seeded(scratch: Path, tags: list[str], download: str) -> Path | None:
    """Return an index of the earlier releases, from their GitHub release's chart packages."""
    index = None
    for tag in sorted(tags, key=lambda t: Version(t.removeprefix(TAG_PREFIX))):
        package = f"{CHART}-{tag.removeprefix(TAG_PREFIX)}.tgz"
        url = f"{download.rstrip('/')}/{tag}"
        data = _fetch(f"{url}/{package}")
        if data is None:
            raise Refused(
                f"the release {tag} has no {package} to seed the Helm index with: attach it "
                f"to that GitHub release (helm package at {tag}), then re-run"
            )
        folder = scratch / tag
        folder.mkdir()
        (folder / package).write_bytes(data)
        index = _helm_index(folder, url, index)
    return index


def _pages(pages: Path, tag: str) -> Path | None:
    """Check out gh-pages at ``pages`` (a new, empty branch before the first release);
    return its index, or None for a new branch."""
    listed = _run("git", "ls-remote", "--exit-code", "--heads", "origin", "gh-pages", check=False)
    if listed.returncode == 0:
        _run("git", "fetch", "-q", "origin", "gh-pages:refs/remotes/origin/gh-pages")
        _run("git", "worktree", "add", "-q", "-B", "gh-pages", pages, "origin/gh-pages")
        index = pages / "charts" / "index.yaml"
        if not index.is_file() or not _entries(index):
            raise Refused("gh-pages has no charts/index.yaml with the chart's releases")
        return index
    if listed.returncode != 2:
        raise Refused(f"cannot read gh-pages from origin: {listed.stderr.strip()}")
    _run("git", "worktree", "add", "-q", "--detach", pages)
    _run("git", "checkout", "-q", "--orphan", "gh-pages", cwd=pages)
    _run("git", "rm", "-rqf", ".", cwd=pages)
    return None


def index(dist: Path, pages: Path, version: str, tag: str, download: str, push: bool) -> str:
    """Lay the index and schemas with ``version`` on gh-pages at ``pages``; say what changed."""
    package = dist / "chart" / f"{CHART}-{version}.tgz"
    digest = _sha256(package.read_bytes())
    with tempfile.TemporaryDirectory(prefix="release-index-") as folder:
        scratch = Path(folder)
        current = _pages(pages, tag)
        if current is None:
            current = _seeded(scratch, _tags(exclude=tag), download)
        before = _entries(current) if current else {}
        if before.get(version) not in (None, digest):
            raise Refused(
                f"the Helm index has {CHART} {version} with digest {before[version]}, this "
                f"build's is {digest}: a published chart is never replaced; release a new version"
            )
        merged = current
        if version not in before:
            new = scratch / "new"
            new.mkdir()
            shutil.copy2(package, new)
            merged = _helm_index(new, f"{download.rstrip('/')}/{tag}", current)
        after = _entries(merged)
        if not set(before) <= set(after) or after.get(version) != digest:
            raise Refused(
                f"the index would lose {sorted(set(before) - set(after))} or lack {version}"
            )
        (pages / "charts").mkdir(parents=True, exist_ok=True)
        if merged != pages / "charts" / "index.yaml":
            shutil.copy2(merged, pages / "charts" / "index.yaml")
    schemas = pages / "schemas" / version
    schemas.mkdir(parents=True, exist_ok=True)
    for name in SCHEMAS:
        ours = (dist / "chart" / name).read_bytes()
        there = schemas / name
        if there.is_file() and there.read_bytes() != ours:
            raise Refused(f"gh-pages has another schemas/{version}/{name}: never replaced")
        there.write_bytes(ours)
    _run("git", "add", "-A", cwd=pages)
    if not _run("git", "status", "--porcelain", cwd=pages).stdout:
        return f"gh-pages already has {CHART} {version}: nothing to publish"
    if push:
        message = f"{CHART} {version}: Helm index entry and editor schemas"
        _run("git", "-c", "user.name=github-actions[bot]",
             "-c", "user.email=41898282+github-actions[bot]@users.noreply.github.com",
             "commit", "-qm", message, cwd=pages)  # fmt: skip
        _run("git", "push", "-q", "origin", "gh-pages", cwd=pages)  # only a fast-forward
    kept = ", ".join(sorted(before, key=Version)) or "none"
    return f"gh-pages: {CHART} {version} added to the index (kept: {kept})"


# --- command line --------------------------------------------------------------------


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=".ci/release.py", description=__doc__.split("\n")[0])
    steps = parser.add_subparsers(dest="step", required=True)
    steps.add_parser("version").add_argument("tag")
    notes = steps.add_parser("notes")
    notes.add_argument("version")
    notes.add_argument("out", type=Path)
    for name in ("published", "index"):
        step = steps.add_parser(name)
        step.add_argument("dist", type=Path)
        if name == "index":
            step.add_argument("pages", type=Path)
            step.add_argument("--push", action="store_true")
        else:
            step.add_argument("--pypi", required=True)
            step.add_argument("--oci", required=True)
        step.add_argument("--version", required=True)
        step.add_argument("--tag", required=True)
        step.add_argument("--download", required=True)
    return parser


def main(argv: list[str] | None = None) -> None:
    args = _parser().parse_args(argv)
    try:
        if args.step == "version":
            print("\n".join(f"{k}={v}" for k, v in version(args.tag).items()))
        elif args.step == "notes":
            args.out.write_text(changelog_entry(args.version), encoding="utf-8")
        elif args.step == "published":
            where = (args.pypi, args.download, args.oci)
            same = published(args.dist, args.version, args.tag, *where)
            print("\n".join(f"published already, identical: {s}" for s in same) or "nothing yet")
        else:
            print(index(args.dist, args.pages, args.version, args.tag, args.download, args.push))
    except Refused as refused:
        print(f"::error::{refused}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
