"""The chart's components: the values key and the name suffix of each Deployment.

Every other module, the templates (through the generated ``agents.components``
helper) and the tests read the components from here, so a name is spelled once.
"""

from __future__ import annotations

from dataclasses import dataclass

# The release the docs describe and the tests render: objects are named after it.
RELEASE = "agents"
NAMESPACE = "agents"
# The chart's name: the app.kubernetes.io/name of its objects and the base of object
# names (a release whose name contains it is named after the release alone).
CHART = "agents"


@dataclass(frozen=True)
class ChartComponent:
    """One Deployment of the chart and the values key that configures it."""

    key: str  # the values key: controlPlane.*, controllers.*
    # Appended to the release's full name to name the Deployment, and to the chart's
    # name to name its container and its pods' app.kubernetes.io/name (upstream's
    # selector, which an in-place upgrade must keep).
    suffix: str
    optional: bool  # rendered only when its values key's enabled is true

    def deployment(self, release: str = RELEASE) -> str:
        """Return the Deployment's name in a release called ``release``."""
        return f"{release}{self.suffix}"

    @property
    def container(self) -> str:
        """Return the main container's name (also the pods' app.kubernetes.io/name)."""
        return f"{CHART}{self.suffix}"


CONTROL_PLANE = ChartComponent(key="controlPlane", suffix="", optional=False)
CONTROLLERS = ChartComponent(key="controllers", suffix="-controllers", optional=True)
# In the order the templates and rules walk them.
COMPONENTS: tuple[ChartComponent, ...] = (CONTROL_PLANE, CONTROLLERS)
KEYS: tuple[str, ...] = tuple(c.key for c in COMPONENTS)
# Which containers an environment variable reaches, as EnvVar takes them.
IN_BOTH = KEYS
IN_CONTROL_PLANE = (CONTROL_PLANE.key,)
# Which Deployment each component renders into, for the release above.
DEPLOYMENTS: dict[str, str] = {c.key: c.deployment() for c in COMPONENTS}


def template_data() -> list[dict[str, str]]:
    """Return the components as the generated ``agents.components`` helper holds them."""
    return [{"key": c.key, "suffix": c.suffix, "optional": c.optional} for c in COMPONENTS]
