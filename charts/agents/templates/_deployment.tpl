{{- /*
One Deployment of the chart. Both components share this shape, so a contract
change lands in both or neither; names and labels come from agents.components.
Call with (dict "root" $ "component" "controlPlane"|"controllers").
*/ -}}
{{- define "agents.deployment" -}}
{{- $own := index .root.Values .component -}}
{{- $component := include "agents.component" (dict "root" .root "key" .component) | fromJson -}}
{{- $labels := dict "root" .root "component" $component.label -}}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ $component.deployment }}
  namespace: {{ .root.Release.Namespace }}
  labels:
    {{- include "agents.labels" $labels | nindent 4 }}
spec:
  selector:
    matchLabels:
      {{- include "agents.selectorLabels" $labels | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "agents.labels" $labels | nindent 8 }}
    spec:
      serviceAccountName: {{ include "agents.fullname" .root }}
      containers:
        - name: {{ $component.container }}
          image: {{ include "agents.image" (dict "root" .root "image" $own.image) | quote }}
          imagePullPolicy: {{ $own.image.pullPolicy }}
          {{- if and (eq .component "controlPlane") .root.Values.grpc.enabled }}
          ports:
            - name: grpc
              containerPort: {{ int64 .root.Values.grpc.port }}
              protocol: TCP
          {{- end }}
          {{- with include "agents.containerEnv" . }}
          env:
            {{- . | nindent 12 }}
          {{- end }}
          {{- with include "agents.containerVolumeMounts" . }}
          volumeMounts:
            {{- . | nindent 12 }}
          {{- end }}
      {{- with include "agents.podVolumes" . }}
      volumes:
        {{- . | nindent 8 }}
      {{- end }}
{{- end -}}
