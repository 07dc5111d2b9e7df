"""``schema-gen migrate``: 0.9.1 values files, rewritten for today's chart without loss.

The real 0.9.1 deployment values files (and files shaped like them) are migrated;
the result must lint clean, and every variable the original file set in upstream
0.9.1's render must have the same value, under its new name, in ours.
"""

from __future__ import annotations

import codecs
import os
import stat
from pathlib import Path

import helm_python
import pytest
import yaml

from schema_gen.tools.migrate import migrate_text
from tests import in_process
from tests.shared.migrate import _migrate


def test_migration_keeps_comments_order_and_quotes():
    text = (
        "# our install\n"
        "image:\n"
        '  tag: "1.2"  # pinned\n'
        "workflowRuntime:\n"
        "  native:\n"
        "    rerunOrchestration: codex-rerun  # the rerun flow\n"
        "env:\n"
        "  vars:\n"
        "    NODE_ENV: production\n"
        "    JANGAR_MIGRATIONS: 'skip'  # we migrate by hand\n"
        '    JANGAR_AGENTS_CONTROLLER_WEBHOOK_QUEUE_SIZE: "50"\n'
    )
    migration = migrate_text(text)
    assert migration.text == (
        "# our install\n"
        "image:\n"
        '  tag: "1.2"  # pinned\n'
        # the tag was 0.9.1's image's: its repository is named, for each server too
        "  repository: ghcr.io/proompteng/jangar\n"
        "agentRuntime:\n"
        "  native:\n"
        "    rerunOrchestration: codex-rerun  # the rerun flow\n"
        "env:\n"
        "  vars:\n"
        "    NODE_ENV: production\n"
        "    AGENTS_MIGRATIONS: 'skip'  # we migrate by hand\n"
        '    AGENTS_IMPLEMENTATION_SOURCE_WEBHOOK_QUEUE_SIZE: "50"\n'
        "controlPlane:\n"
        "  image:\n"
        "    repository: ghcr.io/proompteng/jangar\n"
        "controllers:\n"
        "  image:\n"
        "    repository: ghcr.io/proompteng/jangar\n"
    )
    assert migration.unresolved == []
    assert len(migration.notes) == 6


def test_variables_that_name_the_old_ca_path_name_todays():
    text = (
        "controllers:\n"
        "  env:\n"
        "    vars:\n"
        "      NODE_EXTRA_CA_CERTS: '/etc/jangar/ca/ca.crt'  # the database CA\n"
        "      PGSSLROOTCERT: /etc/jangar/ca/root.pem\n"
        "      OTHER: /etc/jangar/cache\n"  # another directory: not the CA's, left alone
    )
    migration = migrate_text(text)
    assert migration.text == (
        "controllers:\n"
        "  env:\n"
        "    vars:\n"
        "      NODE_EXTRA_CA_CERTS: '/etc/agents/ca/ca.crt'  # the database CA\n"
        "      PGSSLROOTCERT: /etc/agents/ca/root.pem\n"
        "      OTHER: /etc/jangar/cache\n"
    )
    assert migration.notes == [
        "changed controllers.env.vars.NODE_EXTRA_CA_CERTS from /etc/jangar/ca/ca.crt to "
        "/etc/agents/ca/ca.crt: the chart mounts it there today",
        "changed controllers.env.vars.PGSSLROOTCERT from /etc/jangar/ca/root.pem to "
        "/etc/agents/ca/root.pem: the chart mounts it there today",
    ]


def test_runtime_keys_become_their_variables_or_go_with_a_note():
    migration = migrate_text(
        "runtime:\n"
        "  scheduleRunnerImage: registry.example/schedule:1\n"
        "  agentImage: registry.example/agent:1\n"
        "  agentRunnerImage: registry.example/runner:1\n"
        "runner:\n"
        "  image:\n"
        "    repository: ''\n"
    )
    values = yaml.safe_load(migration.text)
    assert values == {
        "runner": {"image": {"repository": ""}},
        "env": {
            "vars": {
                "AGENTS_SCHEDULE_RUNNER_IMAGE": "registry.example/schedule:1",
                "AGENTS_AGENT_RUNNER_IMAGE": "registry.example/runner:1",
            }
        },
    }
    assert any("runtime.agentImage" in note for note in migration.notes)


def test_a_runner_image_runtime_key_that_did_nothing_is_dropped():
    migration = migrate_text("runtime:\n  agentRunnerImage: registry.example/runner:1\n")
    assert yaml.safe_load(migration.text) is None or "env" not in yaml.safe_load(migration.text)
    assert any("runner.image set the runner image over it" in n for n in migration.notes)


def test_a_conflict_is_left_for_a_person(tmp_path):
    path = tmp_path / "values.yaml"
    path.write_text("env:\n  vars:\n    JANGAR_MIGRATIONS: skip\n    AGENTS_MIGRATIONS: auto\n")
    done = _migrate(str(path))
    assert done.returncode == 1
    assert "needs a person: env.vars.JANGAR_MIGRATIONS is today's AGENTS_MIGRATIONS" in done.stderr
    assert "JANGAR_MIGRATIONS: skip" in done.stdout  # left as it was


def test_empty_defaults_upstream_now_refuses_are_dropped():
    migration = migrate_text(
        "namespaceOverride: ''\ncontroller:\n  namespaces: []\n  concurrency:\n    cluster: 5\n"
    )
    assert yaml.safe_load(migration.text) == {"controller": {"concurrency": {"cluster": 5}}}


def test_write_rewrites_in_place_and_a_migrated_file_stays_as_it_is(tmp_path):
    path = tmp_path / "values.yaml"
    path.write_text("env:\n  vars:\n    JANGAR_MIGRATIONS: skip\n")
    os.chmod(path, 0o640)
    assert _migrate(str(path), "--write").returncode == 0
    assert path.read_text() == "env:\n  vars:\n    AGENTS_MIGRATIONS: skip\n"
    assert (path.stat().st_mode & 0o777) == 0o640
    again = _migrate(str(path), "--write")
    assert (again.returncode, again.stderr) == (0, "")
    assert [p.name for p in tmp_path.iterdir()] == ["values.yaml"]  # no temporary left


def test_an_unreadable_file_exits_2_naming_it(tmp_path):
    missing = _migrate(str(tmp_path / "nope.yaml"))
    assert missing.returncode == 2
    assert missing.stderr.startswith(f"{tmp_path / 'nope.yaml'}: cannot read it")
    assert "Traceback" not in missing.stderr
    broken = tmp_path / "broken.yaml"
    broken.write_text("env: [unclosed\n")
    done = _migrate(str(broken))
    assert done.returncode == 2 and "broken.yaml:" in done.stderr


def test_a_migrated_file_that_still_breaks_a_rule_exits_1(tmp_path):
    path = tmp_path / "values.yaml"
    path.write_text("extraVolumes:\n  - name: db-ca-cert\n    volume: {emptyDir: {}}\n")
    done = _migrate(str(path))
    assert done.returncode == 1
    assert "extraVolumes[0].name" in done.stderr


# Hostile 0.9.1 files (tests/adversarial/migrate): each file's exit status and what Helm's
# decoder must read from the file `migrate --write` leaves, written out from Helm's reading
# of the original by hand (None: the file must be left byte for byte as it was).
HOSTILE = Path(__file__).parent.parent / "adversarial" / "migrate"
SKIP = {"AGENTS_MIGRATIONS": "skip"}
# A tag pinned on 0.9.1's default repository keeps that repository, for every server.
JANGAR = {"repository": "ghcr.io/proompteng/jangar"}
ON_JANGAR = {"controlPlane": {"image": JANGAR}, "controllers": {"image": JANGAR}}
MIGRATED = {
    "env-twice": (0, {"image": {**JANGAR, "tag": "1.0"}, **ON_JANGAR,
                      "env": {"vars": {"AGENTS_MIGRATIONS": "auto"}}}),
    "keys-twice": (0, {"env": {"vars": {
        "AGENTS_LOG_LEVEL": "info",
        "AGENTS_SCHEDULE_RUNNER_IMAGE": "registry.example/schedule:second"}}}),
    "vars-aliased": (0, {"env": {"vars": SKIP}, "podAnnotations": {"JANGAR_MIGRATIONS": "skip"}}),
    "anchor-in-dropped-key": (0, {"podAnnotations": {"image": "registry.example/agent:1"}}),
    "whole-env-aliased": (0, {"env": {"vars": SKIP},
                              "controllers": {"enabled": True, "env": {"vars": SKIP}}}),
    "merge-key": (0, {"controlPlane": {"env": {"vars": {"AGENTS_LOG_LEVEL": "info"}}},
                      "env": {"vars": {"AGENTS_LOG_LEVEL": "info", **SKIP}}}),
    "merge-key-list": (0, {
        "controlPlane": {"env": {"vars": {"AGENTS_LOG_LEVEL": "info"}}},
        "controllers": {"enabled": True, "env": {"vars": {
            "AGENTS_LOG_LEVEL": "debug", "AGENTS_REGION": "eu"}}},
        # Helm's decoder applies a merge key where it stands: the first map listed wins, and
        # it replaces the key written before it.
        "env": {"vars": {"AGENTS_LOG_LEVEL": "info", "AGENTS_REGION": "eu", **SKIP}}}),
    "flow-style": (0, {"env": {"vars": {
        "AGENTS_MIGRATIONS": "skip", "AGENTS_LOG_LEVEL": "info", "NODE_ENV": "production",
        "AGENTS_SCHEDULE_SERVICE_ACCOUNT": "runner"}}}),
    "yaml-1.1-key-beside": (0, {"env": {"vars": {"true": "kept", **SKIP}}}),
    "comments-everywhere": (0, {"image": {**JANGAR, "tag": "1.2"}, **ON_JANGAR,
                                "controller": {"enabled": True}, "env": {"vars": SKIP}}),
    "conflict": (1, None),
}  # fmt: skip


def test_every_hostile_file_has_its_verdict():
    files = {path.stem for path in HOSTILE.glob("*.yaml")} - {"two-documents"}
    assert sorted(MIGRATED) == sorted(files)


@pytest.mark.parametrize("name", sorted(MIGRATED))
def test_a_hostile_file_keeps_what_helm_read(name, tmp_path):
    path = tmp_path / "values.yaml"
    original = (HOSTILE / f"{name}.yaml").read_bytes()
    path.write_bytes(original)
    status, wanted = MIGRATED[name]
    done = _migrate(str(path), "--write")
    assert done.returncode == status, done.stderr
    assert "Traceback" not in done.stderr
    if wanted is None:
        assert path.read_bytes() == original
        return
    assert helm_python.values_from_yaml(path.read_bytes()) == wanted
    again = _migrate(str(path))  # migrated once, it stays as it is
    assert (again.returncode, again.stdout) == (0, path.read_text())


def test_two_documents_are_migrated_each_as_both_helms_read_them(tmp_path):
    path = tmp_path / "values.yaml"
    path.write_bytes((HOSTILE / "two-documents.yaml").read_bytes())
    done = _migrate(str(path), "--write")
    assert done.returncode == 0, done.stderr
    first, second = path.read_text().split("---\n")
    # Helm 3 reads the first document, Helm 4 every one of them, merged.
    assert helm_python.values_from_yaml(path.read_bytes()) == {"env": {"vars": SKIP}}
    assert helm_python.values_from_yaml(first.encode()) == {"env": {"vars": SKIP}}
    assert helm_python.values_from_yaml(second.encode()) == {
        "agentRuntime": {"native": {"rerunOrchestration": "codex-rerun"}}
    }


def test_comments_on_kept_keys_stay(tmp_path):
    path = tmp_path / "values.yaml"
    original = (HOSTILE / "comments-everywhere.yaml").read_text()
    path.write_text(original)
    assert _migrate(str(path), "--write").returncode == 0
    dropped = {"  # the agent image, unused today"}  # inside the entry migrate removes
    comments = [line for line in original.splitlines() if line.lstrip().startswith("#")]
    left = path.read_text().splitlines()
    assert [c for c in comments if c not in dropped and c not in left] == []
    assert "image:  # the image" in left and "    AGENTS_MIGRATIONS: skip  # by hand" in left


def test_write_on_a_file_that_needs_a_person_writes_nothing_and_says_so_again(tmp_path):
    path = tmp_path / "values.yaml"
    original = (HOSTILE / "conflict.yaml").read_bytes()
    path.write_bytes(original)
    for _run in range(2):
        done = _migrate(str(path), "--write")
        assert done.returncode == 1
        assert "needs a person: env.vars.JANGAR_MIGRATIONS is today's AGENTS_MIGRATIONS" in (
            done.stderr
        )
        assert "left as it was" in done.stderr
        assert path.read_bytes() == original


ENCODINGS = {
    "crlf": lambda text: text.replace("\n", "\r\n").encode(),
    "bom": lambda text: codecs.BOM_UTF8 + text.encode(),
    "bom-crlf": lambda text: codecs.BOM_UTF8 + text.replace("\n", "\r\n").encode(),
    # Helm 4 cuts little-endian UTF-16 in half; big-endian with a final newline both read.
    "utf-16-be": lambda text: codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
}


@pytest.mark.parametrize("encoding", sorted(ENCODINGS))
def test_line_endings_and_encoding_are_kept(encoding, tmp_path):
    text = (HOSTILE / "comments-everywhere.yaml").read_text()
    path = tmp_path / "values.yaml"
    path.write_bytes(ENCODINGS[encoding](text))
    done = _migrate(str(path), "--write")
    assert done.returncode == 0, done.stderr
    written = path.read_bytes()
    mark = {"bom": codecs.BOM_UTF8, "bom-crlf": codecs.BOM_UTF8, "utf-16-be": codecs.BOM_UTF16_BE}
    assert written.startswith(mark.get(encoding, b"#"))
    plain = _decoded_text(written)
    if "crlf" in encoding:
        assert plain.count("\r\n") == plain.count("\n")  # every line ends as before
        assert "\r\r" not in plain
    else:
        assert "\r" not in plain
    # go-yaml transcodes UTF-16 to UTF-8 first; the SDK's entry point takes UTF-8.
    assert helm_python.values_from_yaml(plain.encode()) == MIGRATED["comments-everywhere"][1]


def _decoded_text(raw: bytes) -> str:
    for bom, codec in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if raw.startswith(bom):
            return raw[len(bom) :].decode(codec)
    return raw.decode()


# --write writes only a whole, checked result, to the file the operator meant.
OLD = "env:\n  vars:\n    JANGAR_MIGRATIONS: skip\n"
NEW = "env:\n  vars:\n    AGENTS_MIGRATIONS: skip\n"


def test_write_refuses_standard_input_plainly():
    done = _migrate("--write", "-")
    assert done.returncode == 2
    assert done.stderr.startswith("schema-gen migrate: --write rewrites a file in place")
    assert "Traceback" not in done.stderr and done.stdout == ""


def test_write_on_a_fifo_refuses_without_opening_it(tmp_path):
    fifo = tmp_path / "values.yaml"
    os.mkfifo(fifo)
    done = _migrate(str(fifo), "--write")  # opening it would wait for a writer: a hang
    assert done.returncode == 2
    assert "is not one (a pipe, a device or a directory)" in done.stderr
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_write_through_a_link_writes_its_target_and_keeps_the_link(tmp_path):
    target = tmp_path / "real" / "values.yaml"
    target.parent.mkdir()
    target.write_text(OLD)
    link = tmp_path / "values.yaml"
    link.symlink_to(target)
    assert _migrate(str(link), "--write").returncode == 0
    assert link.is_symlink() and link.resolve() == target
    assert target.read_text() == NEW


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can write another user's file")
def test_root_writing_another_users_file_keeps_its_owner_and_mode(tmp_path):
    path = tmp_path / "values.yaml"
    path.write_text(OLD)
    os.chown(path, 4242, 4343)
    os.chmod(path, 0o604)
    assert _migrate(str(path), "--write").returncode == 0
    done = path.stat()
    assert (done.st_uid, done.st_gid, stat.S_IMODE(done.st_mode)) == (4242, 4343, 0o604)
    assert path.read_text() == NEW


def test_the_temporary_file_of_a_killed_run_is_removed_by_the_next(tmp_path):
    path = tmp_path / "values.yaml"
    path.write_text(OLD)
    dead = tmp_path / f".values.yaml.{_a_dead_pid()}.tmp"  # what a SIGKILL at fsync leaves
    dead.write_text(NEW[:10])
    unrelated = tmp_path / ".other.yaml.1.tmp"
    unrelated.write_text("not ours")
    assert _migrate(str(path), "--write").returncode == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [".other.yaml.1.tmp", "values.yaml"]


def _a_dead_pid() -> int:
    pid = 4_000_000  # above Linux's pid_max by default; checked, not assumed
    while True:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return pid
        except PermissionError:
            pass
        pid += 1


def test_lint_names_where_migrate_puts_each_091_key(tmp_path):
    path = tmp_path / "values.yaml"
    path.write_text(
        "runtime:\n"
        "  scheduleRunnerImage: registry.example/schedule:1\n"
        "  scheduleServiceAccount: runner\n"
        "  agentRunnerImage: registry.example/runner:1\n"
        "  agentImage: registry.example/agent:1\n"
        "runner:\n  image:\n    repository: ''\n"
        "workflowRuntime:\n  native:\n    rerunOrchestration: codex-rerun\n"
    )
    said = in_process.schema_gen("lint", path)
    runtime_line = next(line for line in said.stdout.splitlines() if ": runtime: " in line)
    workflow_line = next(line for line in said.stdout.splitlines() if ": workflowRuntime: " in line)
    migrated = helm_python.values_from_yaml(_migrate(str(path)).stdout)
    moved = sorted(migrated["env"]["vars"])
    assert moved == [
        "AGENTS_AGENT_RUNNER_IMAGE",
        "AGENTS_SCHEDULE_RUNNER_IMAGE",
        "AGENTS_SCHEDULE_SERVICE_ACCOUNT",
    ]
    for name in moved:  # each place migrate put a runtime value, lint names
        assert f"env.vars.{name}" in runtime_line, runtime_line
    assert "agentRuntime" not in runtime_line  # runtime is not agentRuntime's old name
    assert "runtime" not in migrated and "agentRuntime" in migrated
    assert "today it is agentRuntime" in workflow_line


def test_without_n_migrate_judges_in_helms_default_namespace(tmp_path):
    path = tmp_path / "values.yaml"
    path.write_text(
        "controller:\n  namespaces: [other]\nenv:\n  vars:\n    JANGAR_MIGRATIONS: skip\n"
    )
    # helm template without -n refuses the result: the Role is in the namespace "default".
    done = _migrate(str(path))
    assert done.returncode == 1
    assert "release namespace, default" in done.stderr
    assert _migrate(str(path), "-n", "other").returncode == 0
