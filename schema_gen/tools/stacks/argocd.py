"""Argo CD's ``Application``: which values Helm gets for each source that deploys the chart.

From Argo CD's repo-server (``reposerver/repository/repository.go``: ``helmTemplate``,
``getResolvedValueFiles``; ``util/helm/cmd.go``: ``template``; ``pkg/apis/application/
v1alpha1/values.go``): for a Helm source it runs ``helm template CHART --name-template
RELEASE --namespace NS --set ... --set-string ... --set-file ... --values FILE... --values
VALUES``, which Helm applies as

1. ``helm.valueFiles`` in order: relative to the source's ``path`` (to the chart, for a
   chart from a Helm or OCI repository), ``$ref/...`` into the repository of the
   source whose ``ref`` is ``ref``; a glob expands to its files in doublestar's order,
   a file named explicitly keeps its own place, each file comes once; a missing file is
   an error unless ``ignoreMissingValueFiles``;
2. ``helm.values`` (YAML text) or, replacing it, ``helm.valuesObject``;
3. every ``parameters`` entry as ``--set`` (``forceString``: ``--set-string``, after all
   of them), its value's unescaped commas escaped unless it is a ``{list}``;
4. ``fileParameters`` as ``--set-file``.

Paths and parameter values have ``$ARGOCD_APP_NAME`` and the like substituted
(``Env.Envsubst``); the release is ``helm.releaseName`` or the Application's name, the
namespace ``helm.namespace`` or the destination's.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from schema_gen.contract import components
from schema_gen.tools.stacks import kustomize
from schema_gen.tools.stacks.layers import Layer, Merge, Set, Stack, StackError, Step, written_at
from schema_gen.tools.stacks.manifests import (
    Manifest,
    list_at,
    map_at,
    string_at,
    unknown_keys,
)
from schema_gen.tools.values_files import read_values_file

API_GROUP = "argoproj.io/"
SOURCE_FIELDS = {  # v1alpha1.ApplicationSource
    "repoURL",
    "path",
    "targetRevision",
    "helm",
    "kustomize",
    "directory",
    "plugin",
    "chart",
    "ref",
    "name",
    "tagPrefix",
}
HELM_FIELDS = {  # v1alpha1.ApplicationSourceHelm
    "valueFiles",
    "parameters",
    "releaseName",
    "values",
    "fileParameters",
    "version",
    "passCredentials",
    "ignoreMissingValueFiles",
    "skipCrds",
    "valuesObject",
    "namespace",
    "kubeVersion",
    "apiVersions",
    "skipTests",
    "skipSchemaValidation",
}
# What Argo CD substitutes for $ARGOCD_APP_REVISION: the commit is not known before sync.
UNKNOWN_REVISION = "0" * 40


def is_application(manifest: Manifest) -> bool:
    return manifest.kind == "Application" and manifest.api_version.startswith(API_GROUP)


def normalized_url(url: str) -> str:
    """Return a Git URL as Argo CD compares them (``git.NormalizeGitURL``), scheme dropped."""
    url = url.strip().lower()
    if re.match(r"^[\w.-]+@[\w.-]+:", url) and "://" not in url:
        url = url.replace(":", "/", 1)
    url = re.sub(r"^[a-z+]+://", "", url)
    url = re.sub(r"^[^@/]+@", "", url)
    return url.removesuffix("/").removesuffix(".git")


def expand(text: str, env: Mapping[str, str]) -> str:
    """Return ``text`` with ``$NAME`` and ``${NAME}`` replaced as Argo CD's ``Env.Envsubst``
    does (Go's ``os.Expand``; ``$$`` is a dollar, an unknown name is empty)."""
    out, index = [], 0
    special = set("*#$@!?-0123456789")
    while index < len(text):
        char = text[index]
        if char != "$" or index + 1 >= len(text):
            out.append(char)
            index += 1
            continue
        rest = text[index + 1 :]
        if rest[0] == "{":
            if len(rest) > 2 and rest[1] in special and rest[2] == "}":
                name, width = rest[1], 3
            else:
                close = rest.find("}", 1)
                name, width = (
                    ("", 2)
                    if close == 1
                    else (("", 1) if close < 0 else (rest[1:close], close + 1))
                )
        elif rest[0] in special:
            name, width = rest[0], 1
        else:
            found = re.match(r"[A-Za-z0-9_]*", rest)
            name = found.group() if found else ""
            width = len(name)
        if name == "" and width > 0:
            pass  # invalid syntax: Go eats it
        elif name == "":
            out.append("$")
        else:
            out.append("$" if name == "$" else env.get(name, ""))
        index += 1 + width
    return "".join(out)


def clean_set_value(value: str) -> str:
    """Return a parameter's value as Argo CD hands it to ``--set`` (``cleanSetParameters``)."""
    if value.startswith("{") and value.endswith("}"):
        return value
    out, previous = [], ""
    for char in value:
        out.append("\\," if char == "," and previous != "\\" else char)
        previous = char
    return "".join(out)


# --- doublestar globs, in doublestar's order ----------------------------------------------


def is_glob(path: str) -> bool:
    return any(char in path for char in "*?[")


def _segment_pattern(segment: str) -> re.Pattern[str]:
    """Return Go's ``filepath.Match`` pattern for one path segment as a regex."""
    out, index = [], 0
    while index < len(segment):
        char = segment[index]
        if char == "*":
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif char == "\\" and index + 1 < len(segment):
            index += 1
            out.append(re.escape(segment[index]))
        elif char == "[":
            close = segment.find("]", index + 1)
            if close < 0:
                out.append(re.escape(char))
            else:
                body = segment[index + 1 : close]
                body = "^" + body[1:] if body.startswith("^") else body
                out.append(f"[{body}]")
                index = close
        else:
            out.append(re.escape(char))
        index += 1
    return re.compile("".join(out) + r"\Z")


def glob(pattern: str) -> list[str]:
    """Return the files ``pattern`` matches in ``doublestar.FilepathGlob``'s order: a
    folder's own matches first, then its sub-folders in lexical order."""
    parts = pattern.split("/")
    fixed = next((i for i, part in enumerate(parts) if is_glob(part)), len(parts))
    base = "/".join(parts[:fixed]) or "/"
    found: list[str] = []
    for match in _glob_in(base, parts[fixed:]):
        if match not in found:
            found.append(match)
    return found


def _glob_in(folder: str, segments: list[str]) -> Iterator[str]:
    if not segments:
        if os.path.exists(folder):
            yield folder
        return
    segment, rest = segments[0], segments[1:]
    try:
        entries = sorted(os.listdir(folder))
    except OSError:
        return
    if segment == "**":
        yield from _glob_in(folder, rest)
        for entry in entries:
            child = os.path.join(folder, entry)
            if os.path.isdir(child):
                yield from _glob_in(child, segments)
        return
    pattern = _segment_pattern(segment)
    for entry in entries:
        if pattern.match(entry):
            child = os.path.join(folder, entry)
            if rest and not os.path.isdir(child):
                continue
            yield from _glob_in(child, rest) if rest else iter([child])


# --- repositories -------------------------------------------------------------------------


def work_tree(path: Path) -> Path | None:
    """Return the git work tree holding ``path``, if any."""
    for folder in [path.resolve(), *path.resolve().parents]:
        if (folder / ".git").exists():
            return folder
    return None


def remotes(tree: Path) -> set[str]:
    """Return the normalized URLs of the work tree's remotes (from its git config)."""
    git = tree / ".git"
    if git.is_file():  # a linked work tree: "gitdir: ..." and the common folder
        found = re.match(r"gitdir:\s*(.+)", git.read_text(encoding="utf-8", errors="replace"))
        git = (tree / found.group(1).strip()).resolve() if found else git
        common = git / "commondir"
        if common.is_file():
            git = (git / common.read_text(encoding="utf-8").strip()).resolve()
    try:
        config = (git / "config").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return set()
    return {normalized_url(url) for url in re.findall(r"^\s*url\s*=\s*(\S+)", config, re.M)}


class Repositories:
    """Where each source's repository is checked out: ``--repo URL=DIR``; else the git work
    tree holding the manifest when its remotes name the URL; else, when the work tree has
    no remote at all, that work tree for the sources with a ``path`` (the Application's
    own repository), never for a ``ref``-only source of values from another one."""

    def __init__(self, given: Mapping[str, Path], manifest: Manifest) -> None:
        self.given = {normalized_url(url): path for url, path in given.items()}
        self.tree = work_tree(manifest.path)
        self.own = remotes(self.tree) if self.tree else set()

    def checkout(self, source: Mapping[str, Any]) -> Path | None:
        key = normalized_url(str(source.get("repoURL", "")))
        if key in self.given:
            return self.given[key]
        if self.tree is not None and (key in self.own or (not self.own and "path" in source)):
            return self.tree
        return None


# --- the Application --------------------------------------------------------------------


class _App:
    """An Application being read: the manifest, its sources and what they resolve to."""

    def __init__(self, manifest: Manifest, repos: Mapping[str, Path], chart: Path) -> None:
        self.manifest, self.chart = manifest, chart
        spec = map_at(manifest, ("spec",), "spec")
        if spec is None:
            raise manifest.error((), "an Application needs a spec (Argo CD refuses it)")
        unknown_keys(
            manifest,
            ("spec",),
            {
                "source",
                "sources",
                "destination",
                "project",
                "syncPolicy",
                "ignoreDifferences",
                "info",
                "revisionHistoryLimit",
                "sourceHydrator",
            },
            "an Application's spec",
        )
        if spec.get("sources"):
            sources = list_at(manifest, ("spec", "sources"), "spec.sources")
            self.at: list[tuple[Any, ...]] = [("spec", "sources", i) for i in range(len(sources))]
        elif spec.get("source"):
            self.at = [("spec", "source")]
        else:
            raise manifest.error(("spec",), "an Application needs spec.source or spec.sources")
        self.sources = [map_at(manifest, at, "a source") or {} for at in self.at]
        for at, source in zip(self.at, self.sources, strict=True):
            unknown_keys(manifest, at, SOURCE_FIELDS, "an Application's source")
            unknown_keys(manifest, (*at, "helm"), HELM_FIELDS, "a source's helm")
            if not isinstance(source.get("repoURL"), str) or not source["repoURL"]:
                raise manifest.error(at, "a source needs a repoURL (Argo CD refuses it)")
        destination = map_at(manifest, ("spec", "destination"), "spec.destination") or {}
        self.namespace = destination.get("namespace") or None
        self.repos = Repositories(repos, manifest)
        self.refs = {
            f"${source['ref']}": source
            for source in self.sources
            if isinstance(source.get("ref"), str) and source["ref"]
        }

    def env(self, source: dict[str, Any]) -> dict[str, str]:
        return {
            "ARGOCD_APP_NAME": self.manifest.name,
            "ARGOCD_APP_NAMESPACE": self.namespace or "",
            "ARGOCD_APP_PROJECT_NAME": str(
                (self.manifest.data.get("spec") or {}).get("project", "")
            ),
            "ARGOCD_APP_REVISION": UNKNOWN_REVISION,
            "ARGOCD_APP_REVISION_SHORT": UNKNOWN_REVISION[:7],
            "ARGOCD_APP_REVISION_SHORT_8": UNKNOWN_REVISION[:8],
            "ARGOCD_APP_SOURCE_REPO_URL": source.get("repoURL", ""),
            "ARGOCD_APP_SOURCE_PATH": source.get("path", "") or "",
            "ARGOCD_APP_SOURCE_TARGET_REVISION": source.get("targetRevision", "") or "",
        }

    def checkout(self, source: dict[str, Any], at: tuple[Any, ...]) -> Path:
        found = self.repos.checkout(source)
        if found is None:
            raise self.manifest.error(
                (*at, "repoURL"),
                f"no checkout of {source['repoURL']}: name it with --repo {source['repoURL']}=DIR",
            )
        return found

    def chart_of(self, source: dict[str, Any], at: tuple[Any, ...]) -> tuple[Path, Path] | None:
        """Return (the source's app path, its repository root) when it deploys the chart."""
        if _is_helm_repository(source):
            if source.get("chart") != components.CHART:
                return None
            return self.chart, self.chart
        if "path" not in source:
            return None  # a ref-only source: values for the others
        root = self.checkout(source, at)
        app = Path(os.path.normpath(root / (source.get("path") or ".")))
        chart_yaml = app / "Chart.yaml"
        if not chart_yaml.is_file():
            return None
        import yaml

        try:
            name = (yaml.safe_load(chart_yaml.read_text(encoding="utf-8")) or {}).get("name")
        except (yaml.YAMLError, OSError, AttributeError):
            name = None
        return (app, root) if name == components.CHART else None


def _is_helm_repository(source: dict[str, Any]) -> bool:
    return bool(source.get("chart"))


def _within(root: Path, path: Path) -> bool:
    real, base = os.path.realpath(path), os.path.realpath(root)
    return real.startswith(base.rstrip(os.sep) + os.sep)


def _resolved(
    app: _App, raw: str, app_path: Path, root: Path, env: dict[str, str], at: tuple[Any, ...]
) -> tuple[Path, Path]:
    """Return a values file's path as Argo CD resolves it, and the root it must stay in."""
    first = raw.split("/")[0]
    if raw.startswith("$") and first in app.refs:
        if raw == first:
            raise app.manifest.error(at, f"{raw} names a source, not a file in it")
        ref_source = app.refs[first]
        ref_root = app.checkout(ref_source, at)
        path = Path(os.path.normpath(ref_root / expand("/".join(raw.split("/")[1:]), env)))
        base = ref_root
    else:
        if "://" in raw:
            raise app.manifest.error(at, f"{raw} is remote: schema-gen reads no network")
        text = expand(raw, env)
        path = Path(
            os.path.normpath(
                (root / text.lstrip("/")) if text.startswith("/") else (app_path / text)
            )
        )
        base = root
    if not _within(base, path) and not is_glob(str(path)):
        raise app.manifest.error(at, f"{raw} resolves outside its repository ({base})")
    return path, base


def value_files(
    app: _App, source: dict[str, Any], at: tuple[Any, ...], app_path: Path, root: Path
) -> list[tuple[Path, tuple[Any, ...]]]:
    """Return the values files of a source in Argo CD's order, each with its entry's path."""
    helm = source.get("helm") or {}
    raws = list_at(app.manifest, (*at, "helm", "valueFiles"), "helm.valueFiles")
    ignore = bool(helm.get("ignoreMissingValueFiles"))
    env = app.env(source)
    resolved = [
        _resolved(app, str(raw), app_path, root, env, (*at, "helm", "valueFiles", i))
        for i, raw in enumerate(raws)
    ]
    explicit = {path for path, _base in resolved if not is_glob(str(path))}
    found: list[tuple[Path, tuple[Any, ...]]] = []
    seen: set[Path] = set()
    for index, (path, base) in enumerate(resolved):
        entry = (*at, "helm", "valueFiles", index)
        if is_glob(str(path)):
            matches = [Path(m) for m in glob(str(path))]
            if not matches and not ignore:
                raise app.manifest.error(
                    entry,
                    f"{raws[index]} matches no file (Argo CD "
                    "refuses it; set ignoreMissingValueFiles to allow it)",
                )
            for match in matches:
                if not _within(base, match):
                    raise app.manifest.error(entry, f"{match} is outside its repository")
                if match not in explicit and match not in seen:
                    seen.add(match)
                    found.append((match, entry))
            continue
        if not path.exists():
            if ignore:
                continue
            raise app.manifest.error(
                entry,
                f"{raws[index]} is not there ({path}); Helm would "
                "fail to read it (set ignoreMissingValueFiles to skip it)",
            )
        if path not in seen:
            seen.add(path)
            found.append((path, entry))
    return found


def _file_reader(app: _App, at: tuple[Any, ...]) -> Any:
    def read(text: str) -> str:
        try:
            return Path(text).read_bytes().decode("utf-8", "replace")
        except OSError as error:
            raise app.manifest.error(
                at, f"--set-file cannot read {text}: {error.strerror}"
            ) from None

    return read


def source_stack(
    app: _App, source: dict[str, Any], at: tuple[Any, ...], app_path: Path, root: Path
) -> Stack:
    """Return the stack of one source that deploys the chart."""
    manifest = app.manifest
    helm_at = (*at, "helm")
    helm = map_at(manifest, helm_at, "helm") or {}
    steps: list[Step] = []
    reads: list[Path] = []
    for path, _entry in value_files(app, source, at, app_path, root):
        steps.append(Merge(Layer.of_file(read_values_file(path), path.name)))
        reads.append(path)
    values_object = map_at(manifest, (*helm_at, "valuesObject"), "helm.valuesObject")
    values_text = string_at(manifest, (*helm_at, "values"), "helm.values")
    notes = []
    if values_object is not None:
        steps.append(
            Merge(manifest.block((*helm_at, "valuesObject"), "valuesObject", values_object))
        )
        if values_text:
            notes.append(
                f"{manifest.where((*helm_at, 'values'))}: helm.values is ignored: "
                "valuesObject replaces it"
            )
    elif values_text:
        steps.append(Merge(manifest.text_block((*helm_at, "values"), "values", values_text)))
    env = app.env(source)
    plain: dict[str, tuple[str, Layer]] = {}
    forced: dict[str, tuple[str, Layer]] = {}
    for index, parameter in enumerate(list_at(manifest, (*helm_at, "parameters"), "parameters")):
        entry = (*helm_at, "parameters", index)
        if not isinstance(parameter, dict) or not isinstance(parameter.get("name"), str):
            raise manifest.error(entry, "a parameter needs a name")
        value = parameter.get("value", "")
        if not isinstance(value, str):
            raise manifest.error(
                (*entry, "value"), "a parameter's value must be a string (quote it)"
            )
        at_value = (*entry, "value") if "value" in parameter else entry
        layer = written_at(lambda at=at_value: manifest.where(at), f"parameter {parameter['name']}")
        target = forced if parameter.get("forceString") else plain
        target[parameter["name"]] = (expand(value, env), layer)
    for table, as_string in ((plain, False), (forced, True)):
        for name, (value, layer) in table.items():
            steps.append(Set(f"{name}={clean_set_value(value)}", layer, as_string=as_string))
    for index, parameter in enumerate(
        list_at(manifest, (*helm_at, "fileParameters"), "fileParameters")
    ):
        entry = (*helm_at, "fileParameters", index)
        if not isinstance(parameter, dict) or not isinstance(parameter.get("name"), str):
            raise manifest.error(entry, "a file parameter needs a name and a path")
        path, _base = _resolved(app, str(parameter.get("path", "")), app_path, root, env, entry)
        layer = written_at(
            lambda at=entry: manifest.where(at), f"fileParameter {parameter['name']}"
        )
        reads.append(path)
        steps.append(
            Set(
                f"{parameter['name']}={clean_set_value(str(path))}",
                layer,
                reader=_file_reader(app, entry),
            )
        )
    release = helm.get("releaseName") or manifest.name or None
    namespace = helm.get("namespace") or app.namespace
    label = f"Application {manifest.name}" + (f", {at[1]}[{at[2]}]" if len(at) > 2 else "")
    declared = (manifest.path, lambda: manifest.where(at))
    return Stack(*declared, label, steps, namespace, release, notes, reads)


def stacks(manifest: Manifest, repos: Mapping[str, Path], chart: Path) -> Iterator[Stack | str]:
    """Yield the stack of each source of the Application that deploys the chart, the stacks
    of a kustomize source's helmCharts, and a note for each source that deploys another."""
    app = _App(manifest, repos, chart)
    for at, source in zip(app.at, app.sources, strict=True):
        found = app.chart_of(source, at)
        if found is not None:
            yield source_stack(app, source, at, *found)
            continue
        if _is_helm_repository(source):
            yield (
                f"{manifest.where(at)}: the source deploys the chart {source['chart']!r}, not "
                f"{components.CHART!r}: not checked"
            )
            continue
        if "path" not in source:
            continue
        app_path = Path(os.path.normpath(app.checkout(source, at) / (source.get("path") or ".")))
        nested = kustomize.kustomization_in(app_path) if app_path.is_dir() else None
        if nested is not None:
            yield from (s for s in kustomize.stacks(nested, chart) if not isinstance(s, Path))
        elif not app_path.exists():
            raise manifest.error((*at, "path"), f"{source.get('path')} is not there ({app_path})")
        else:
            yield f"{manifest.where(at)}: the source's path holds no agents chart: not checked"


__all__ = ["StackError", "is_application", "stacks"]
