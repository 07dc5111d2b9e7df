{{- /*
A component's container env: the shared env.vars overlaid by the component's
env.vars (the component wins), sorted by name, then DATABASE_URL from a Secret.
*/ -}}
{{- define "agents.containerEnv" -}}
{{- $values := .root.Values -}}
{{- $own := index $values .component -}}
{{- $vars := merge (deepCopy $own.env.vars) $values.env.vars -}}
{{- $env := list -}}
{{- range $name := keys $vars | sortAlpha -}}
{{- $env = append $env (dict "name" $name "value" (index $vars $name)) -}}
{{- end -}}
{{- with $values.database.secretRef -}}
{{- if .name -}}
{{- $env = append $env (dict "name" "DATABASE_URL" "valueFrom" (dict "secretKeyRef" (dict "name" .name "key" .key))) -}}
{{- end -}}
{{- end -}}
{{- if $env -}}
{{- toYaml $env -}}
{{- end -}}
{{- end -}}
