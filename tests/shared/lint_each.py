"""What the tiers' tests of lint_each share (tests/unit, tests/chart, tests/e2e)."""

from __future__ import annotations

# An overlay that mounts a volume only the prod file defines: refused alone, fine over prod.
DEV = "extraVolumeMounts:\n  - name: corp-ca\n    mountPath: /etc/ssl/corp\n    readOnly: true\n"


PROD = "extraVolumes:\n  - name: corp-ca\n    volume:\n      configMap:\n        name: corp-ca\n"
