"""``schema-gen migrate``: 0.9.1 values files, rewritten for today's chart without loss.

The real 0.9.1 deployment values files (and files shaped like them) are migrated;
the result must lint clean, and every variable the original file set in upstream
0.9.1's render must have the same value, under its new name, in ours.
"""

from __future__ import annotations

import os

import yaml

from schema_gen.tools.migrate import migrate_text
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
