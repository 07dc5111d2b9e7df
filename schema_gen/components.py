"""The chart's components: the values key, Deployment, container and label of each.

Every other module, the templates (through the generated ``agents.components``
helper) and the tests read the components from here, so a name is spelled once.
"""

from __future__ import annotations

from dataclasses import dataclass

# The release the docs describe and the tests render: objects are named after it.
RELEASE = "agents"
NAMESPACE = "agents"


@dataclass(frozen=True)
class ChartComponent:
    """One Deployment of the chart and the values key that configures it."""

    key: str  # the values key: controlPlane.*, controllers.*
    suffix: str  # appended to the release's full name to name the Deployment
    container: str  # the main container's name
    label: str  # app.kubernetes.io/component of the Deployment, its pods and Services

    def deployment(self, release: str = RELEASE) -> str:
        """Return the Deployment's name in a release called ``release``."""
        return f"{release}{self.suffix}"


CONTROL_PLANE = ChartComponent(
    key="controlPlane",
    suffix="",
    container="control-plane",
    label="control-plane",
)
CONTROLLERS = ChartComponent(
    key="controllers",
    suffix="-controllers",
    container="controllers",
    label="controllers",
)
# In the order the templates and rules walk them.
COMPONENTS: tuple[ChartComponent, ...] = (CONTROL_PLANE, CONTROLLERS)
KEYS: tuple[str, ...] = tuple(c.key for c in COMPONENTS)
# Which containers an environment variable reaches, as EnvVar takes them.
IN_BOTH = KEYS
IN_CONTROL_PLANE = (CONTROL_PLANE.key,)
IN_CONTROLLERS = (CONTROLLERS.key,)
# Which Deployment each component renders into, for the release above.
DEPLOYMENTS: dict[str, str] = {c.key: c.deployment() for c in COMPONENTS}


def template_data() -> list[dict[str, str]]:
    """Return the components as the generated ``agents.components`` helper holds them."""
    return [
        {"key": c.key, "suffix": c.suffix, "container": c.container, "label": c.label}
        for c in COMPONENTS
    ]
