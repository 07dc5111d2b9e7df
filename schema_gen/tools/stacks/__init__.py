"""GitOps stacks: the values a kustomization, an Argo CD Application or a Flux HelmRelease
hands Helm, built as each tool builds them, with the file and line of the layer that
wrote each value (``lint STACK``, ``explain STACK`` and the ``agents-gitops-lint`` hook)."""
