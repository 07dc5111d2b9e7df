{{- /*
A component's container env, sorted by name. The generated agents.envMapping
lists the sources lowest first ("layers"; schema_gen/environment.py PRECEDENCE):
typed keys, rendered by agents.envEntry in their format; name -> value maps at
a values path; the variables the chart forces in this component. A later
source wins over an earlier one.
Call with (dict "root" $ "component" "controlPlane"|"controllers").
*/ -}}
{{- define "agents.containerEnv" -}}
{{- $values := .root.Values -}}
{{- $component := .component -}}
{{- $mapping := include "agents.envMapping" .root | fromJson -}}
{{- $env := dict -}}
{{- range $layer := $mapping.layers -}}
{{- if eq $layer.kind "typed" -}}
{{- range $mapping.typed -}}
{{- if has $component .components -}}
{{- $found := dict -}}
{{- include "agents.valueAt" (dict "in" $values "path" .path "out" $found) -}}
{{- $entry := dict -}}
{{- include "agents.envEntry" (dict "value" $found.value "format" .format "out" $entry) -}}
{{- if $entry }}{{ $_ := set $env .name (merge (dict "name" .name) $entry) }}{{ end -}}
{{- end -}}
{{- end -}}
{{- else -}}
{{- $pairs := dict -}}
{{- if eq $layer.kind "forced" -}}
{{- $pairs = get $mapping.forced $component | default dict -}}
{{- else -}}
{{- $found := dict -}}
{{- include "agents.valueAt" (dict "in" $values "path" (replace "{component}" $component $layer.path) "out" $found) -}}
{{- $pairs = $found.value | default dict -}}
{{- end -}}
{{- range $name, $value := $pairs -}}
{{- $_ := set $env $name (dict "name" $name "value" $value) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- $list := list -}}
{{- range $name := keys $env | sortAlpha -}}
{{- $list = append $list (get $env $name) -}}
{{- end -}}
{{- if $list -}}
{{- toYaml $list -}}
{{- end -}}
{{- end -}}
