"""Schema and docs generator for the agents Helm chart's extra volumes/mounts contract."""
