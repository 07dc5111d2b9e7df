{{- /*
A component's container env, sorted by name. Precedence, lowest to highest
(schema_gen/env_mapping.py, which the tests hold this template to):
  1. typed keys, by the generated agents.envMapping (lists comma-joined);
  2. the shared env.vars;
  3. the variables forced in this component (agents.envMapping "forced");
  4. the component's own env.vars.
Call with (dict "root" $ "component" "controlPlane"|"controllers").
*/ -}}
{{- define "agents.containerEnv" -}}
{{- $values := .root.Values -}}
{{- $component := .component -}}
{{- $mapping := include "agents.envMapping" .root | fromJson -}}
{{- $env := dict -}}
{{- range $mapping.typed -}}
{{- if has $component .components -}}
{{- $value := $values -}}
{{- range splitList "." .path -}}
{{- $value = kindIs "map" $value | ternary (get (kindIs "map" $value | ternary $value dict) .) "" -}}
{{- end -}}
{{- $entry := dict -}}
{{- if eq .format "list" -}}
{{- if $value }}{{ $entry = dict "value" (join "," $value) }}{{ end -}}
{{- else if eq .format "int" -}}
{{- if or (kindIs "float64" $value) (kindIs "int64" $value) (kindIs "int" $value) }}{{ $entry = dict "value" (printf "%d" (int64 $value)) }}{{ end -}}
{{- else if eq .format "bool" -}}
{{- if kindIs "bool" $value }}{{ $entry = dict "value" (toString $value) }}{{ end -}}
{{- else if eq .format "secretKeyRef" -}}
{{- if and (kindIs "map" $value) $value.name }}{{ $entry = dict "valueFrom" (dict "secretKeyRef" (dict "name" $value.name "key" $value.key)) }}{{ end -}}
{{- else if $value -}}
{{- $entry = dict "value" $value -}}
{{- end -}}
{{- if $entry }}{{ $_ := set $env .name (merge (dict "name" .name) $entry) }}{{ end -}}
{{- end -}}
{{- end -}}
{{- range $name, $value := $values.env.vars -}}
{{- $_ := set $env $name (dict "name" $name "value" $value) -}}
{{- end -}}
{{- range $name, $value := get $mapping.forced $component | default dict -}}
{{- $_ := set $env $name (dict "name" $name "value" $value) -}}
{{- end -}}
{{- range $name, $value := (index $values $component).env.vars -}}
{{- $_ := set $env $name (dict "name" $name "value" $value) -}}
{{- end -}}
{{- $list := list -}}
{{- range $name := keys $env | sortAlpha -}}
{{- $list = append $list (get $env $name) -}}
{{- end -}}
{{- if $list -}}
{{- toYaml $list -}}
{{- end -}}
{{- end -}}
