{{- /*
What the Deployments' ServiceAccount may do, as a YAML list of rules: manage the
proompteng.ai resources and their status, run Jobs and CronJobs, claim volumes,
read pods, logs and Secrets, manage ConfigMaps and events; list namespaces when
cluster scoped. VersionControlProviders only while controller.vcsProviders.enabled.
*/ -}}
{{- define "agents.rbacRules" -}}
{{- $manage := list "get" "list" "watch" "create" "update" "patch" -}}
{{- $status := list "get" "update" "patch" -}}
{{- $agents := list "agents" "agentruns" "agentproviders" "implementationspecs" "implementationsources" -}}
{{- if .Values.controller.vcsProviders.enabled }}{{ $agents = append $agents "versioncontrolproviders" }}{{ end -}}
{{- $agents = append $agents "memories" -}}
{{- $rules := list (dict "apiGroups" (list "agents.proompteng.ai") "resources" $agents "verbs" $manage) -}}
{{- $rules = append $rules (dict "apiGroups" (list "agents.proompteng.ai") "resources" (list "agentruns") "verbs" (list "delete")) -}}
{{- $statuses := list -}}
{{- range $agents }}{{ $statuses = append $statuses (printf "%s/status" .) }}{{ end -}}
{{- $rules = append $rules (dict "apiGroups" (list "agents.proompteng.ai") "resources" $statuses "verbs" $status) -}}
{{- $groups := list
  (list "orchestration" "orchestrations" "orchestrationruns")
  (list "approvals" "approvalpolicies")
  (list "budgets" "budgets")
  (list "security" "secretbindings")
  (list "signals" "signals" "signaldeliveries")
  (list "tools" "tools" "toolruns")
  (list "schedules" "schedules")
  (list "artifacts" "artifacts")
  (list "workspaces" "workspaces") -}}
{{- range $groups -}}
{{- $group := printf "%s.proompteng.ai" (first .) -}}
{{- $resources := rest . -}}
{{- $statuses := list -}}
{{- range $resources }}{{ $statuses = append $statuses (printf "%s/status" .) }}{{ end -}}
{{- $rules = append $rules (dict "apiGroups" (list $group) "resources" $resources "verbs" $manage) -}}
{{- $rules = append $rules (dict "apiGroups" (list $group) "resources" $statuses "verbs" $status) -}}
{{- end -}}
{{- $all := append $manage "delete" -}}
{{- $rules = append $rules (dict "apiGroups" (list "batch") "resources" (list "jobs") "verbs" $all) -}}
{{- $rules = append $rules (dict "apiGroups" (list "batch") "resources" (list "cronjobs") "verbs" $all) -}}
{{- $rules = append $rules (dict "apiGroups" (list "") "resources" (list "persistentvolumeclaims") "verbs" $all) -}}
{{- $rules = append $rules (dict "apiGroups" (list "") "resources" (list "pods" "pods/log") "verbs" (list "get" "list" "watch")) -}}
{{- $rules = append $rules (dict "apiGroups" (list "") "resources" (list "secrets") "verbs" (list "get")) -}}
{{- $rules = append $rules (dict "apiGroups" (list "") "resources" (list "configmaps" "events") "verbs" $all) -}}
{{- if .Values.rbac.clusterScoped -}}
{{- $rules = append $rules (dict "apiGroups" (list "") "resources" (list "namespaces") "verbs" (list "get" "list" "watch")) -}}
{{- end -}}
{{- toYaml $rules -}}
{{- end -}}
