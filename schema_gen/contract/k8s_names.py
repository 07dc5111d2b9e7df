"""The name grammars of k8s.io/apimachinery's ``pkg/util/validation``, as regexes.

Written with explicit character classes (no ``\\d``, ``\\s`` or ``.``), so that
Go's RE2 (both Helm validators) and Python's ``re`` read them alike; lengths are
bounded repetitions, or a separate check where a bound spans a repetition.
"""

from __future__ import annotations

LABEL = "[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?"  # IsDNS1123Label: at most 63
# IsDNS1123Subdomain without its 253-character bound (SUBDOMAIN_MAX, checked apart).
SUBDOMAIN = "[a-z0-9]([-a-z0-9]*[a-z0-9])?([.][a-z0-9]([-a-z0-9]*[a-z0-9])?)*"
SUBDOMAIN_MAX = 253
# A subdomain read after strings.ToLower, as annotation keys are.
ANY_CASE_SUBDOMAIN = (
    "[a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?([.][a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?)*"
)
# The name part of IsQualifiedName, and IsValidLabelValue when not empty: at most 63.
QUALIFIED_PART = "[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?"
# A "prefix/" longer than a subdomain may be.
LONG_PREFIX = f"^[^/]{{{SUBDOMAIN_MAX + 1},}}/"

SUBDOMAIN_SCHEMA = {"pattern": f"^{SUBDOMAIN}$", "maxLength": SUBDOMAIN_MAX}
OPTIONAL_SUBDOMAIN_SCHEMA = {"pattern": f"^({SUBDOMAIN})?$", "maxLength": SUBDOMAIN_MAX}
QUALIFIED_NAME_SCHEMA = {
    "pattern": f"^({SUBDOMAIN}/)?{QUALIFIED_PART}$",
    "not": {"pattern": LONG_PREFIX},
}
ANNOTATION_KEY_SCHEMA = {
    "pattern": f"^({ANY_CASE_SUBDOMAIN}/)?{QUALIFIED_PART}$",
    "not": {"pattern": LONG_PREFIX},
}
LABEL_VALUE_SCHEMA = {"pattern": f"^({QUALIFIED_PART})?$"}
