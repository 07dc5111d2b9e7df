"""What NOTES.txt tells an operator to look at exists in the release it describes.

The oracle is the render itself: every Deployment NOTES.txt names is a Deployment the
same render holds (and every rendered one is named), every Service a `kubectl
port-forward` line points at is rendered, with the port it forwards to.
"""

from __future__ import annotations

import re

import pytest

from schema_gen.contract import components
from tests.conftest import render

CASES = {
    "defaults": {},
    "every Deployment": components.every_deployment(),
    "fullnameOverride": {**components.every_deployment(), "fullnameOverride": "ops-agents"},
    "nameOverride": {**components.every_deployment(), "nameOverride": "relay"},
    "gRPC on": {"grpc": {"enabled": True, "servicePort": 50052}},
}


@pytest.mark.parametrize("values", CASES.values(), ids=CASES.keys())
def test_notes_name_the_deployments_the_release_renders(values):
    rendered = render(values)
    deployments = {o["metadata"]["name"] for o in rendered.objects if o["kind"] == "Deployment"}
    named = set(re.findall(r"^\s+Deployment (\S+) \(", rendered.notes, re.M))
    assert named == deployments


@pytest.mark.parametrize("values", CASES.values(), ids=CASES.keys())
def test_every_port_forward_points_at_a_rendered_service_and_port(values):
    rendered = render(values)
    services = {
        o["metadata"]["name"]: {p["port"] for p in o["spec"]["ports"]}
        for o in rendered.objects
        if o["kind"] == "Service"
    }
    forwards = re.findall(r"port-forward svc/(\S+) \d+:(\d+)", rendered.notes)
    assert forwards  # the API's, at least
    for service, port in forwards:
        assert service in services, service
        assert int(port) in services[service], (service, port)
