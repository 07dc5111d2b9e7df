"""versionControlProvider.*: a VersionControlProvider resource the chart creates."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from schema_gen.contract.models.base import UNSETTABLE, Seconds, Strict, section


class KeyRef(Strict):
    """A key of a Secret or ConfigMap."""

    name: str = Field("", description="Object name; empty = not set.")
    key: str = Field(None, description="Key within it.")


class TokenAuth(Strict):
    """Token authentication."""

    secret_ref: Annotated[KeyRef, UNSETTABLE] = Field(
        KeyRef.model_construct(key="token"), description="The Secret key holding the token."
    )
    type: str = Field("", description="Token type, such as fine_grained; empty = not set.")


class AppAuth(Strict):
    """GitHub App authentication."""

    app_id: str | int = Field("", description="App ID; empty = not set.")
    installation_id: str | int = Field("", description="Installation ID; empty = not set.")
    private_key_secret_ref: Annotated[KeyRef, UNSETTABLE] = Field(
        KeyRef.model_construct(key="privateKey"), description="The Secret key holding its key."
    )
    token_ttl_seconds: Seconds = Field(0, description="Lifetime of minted tokens; 0 = not set.")


class SshAuth(Strict):
    """SSH authentication."""

    private_key_secret_ref: Annotated[KeyRef, UNSETTABLE] = Field(
        KeyRef.model_construct(key="privateKey"), description="The Secret key holding the key."
    )
    known_hosts_config_map_ref: Annotated[KeyRef, UNSETTABLE] = Field(
        KeyRef.model_construct(key="known_hosts"),
        description="The ConfigMap key holding known_hosts.",
    )


class VcpAuth(Strict):
    """How the provider authenticates."""

    method: str = Field("token", description="token, app or ssh.")
    username: str = Field("", description="User name; empty = not set.")
    token: Annotated[TokenAuth, UNSETTABLE] = section(TokenAuth)
    app: Annotated[AppAuth, UNSETTABLE] = section(AppAuth)
    ssh: Annotated[SshAuth, UNSETTABLE] = section(SshAuth)


class RepositoryPolicy(Strict):
    """Repositories agents may use through this provider."""

    allow: list[str] = Field([], description="Repository patterns allowed; empty = any.")
    deny: list[str] = Field([], description="Repository patterns denied.")


class Capabilities(Strict):
    """What agents may do through this provider."""

    read: bool = Field(True, description="Read repositories.")
    write: bool = Field(True, description="Push branches.")
    pull_requests: bool = Field(True, description="Open pull requests.")


class PullRequestDefaults(Strict):
    """Pull requests agents open."""

    enabled: bool = Field(True, description="Open a pull request.")
    draft: bool = Field(False, description="As a draft.")
    title_template: str = Field("Codex: {{repository}}", description="Title template.")
    body_template: str = Field("AgentRun: {{agentRun.name}}", description="Body template.")


class VcpDefaults(Strict):
    """Defaults of the branches and commits agents make."""

    base_branch: str = Field("main", description="Branch to start from.")
    branch_template: str = Field("codex/{{agentRun.name}}", description="Name of new branches.")
    commit_author_name: str = Field("codex", description="Commit author name.")
    commit_author_email: str = Field("codex@proompt.com", description="Commit author email.")
    pull_request: Annotated[PullRequestDefaults, UNSETTABLE] = section(PullRequestDefaults)


class VersionControlProvider(Strict):
    """A VersionControlProvider the chart creates (needs its CRD installed)."""

    enabled: bool = Field(False, description="Create it.")
    name: str = Field("github", description="Its name; empty = github.")
    namespace: str = Field("", description="Its namespace; empty = the release namespace.")
    provider: str = Field("github", min_length=1, description="Provider kind, such as github.")
    api_base_url: str = Field("https://api.github.com", description="API base URL.")
    clone_base_url: str = Field("https://github.com", description="Clone base URL.")
    web_base_url: str = Field("https://github.com", description="Web base URL.")
    clone_protocol: Literal["", "https", "ssh"] = Field(
        "", description="https or ssh; empty = not set."
    )
    ssh_host: str = Field("", description="SSH host; empty = not set.")
    ssh_user: str = Field("", description="SSH user; empty = not set.")
    auth: Annotated[VcpAuth, UNSETTABLE] = section(VcpAuth)
    repository_policy: Annotated[RepositoryPolicy, UNSETTABLE] = section(RepositoryPolicy)
    capabilities: Annotated[Capabilities, UNSETTABLE] = section(Capabilities)
    defaults: Annotated[VcpDefaults, UNSETTABLE] = section(VcpDefaults)
