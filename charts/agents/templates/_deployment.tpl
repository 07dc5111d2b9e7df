{{- /*
One Deployment of the chart. Both components share this shape, so a contract
change lands in both or neither.
Call with (dict "root" $ "component" KEY "name" NAME "label" LABEL "container" NAME).
*/ -}}
{{- define "agents.deployment" -}}
{{- $own := index .root.Values .component -}}
{{- $labels := dict "root" .root "component" .label -}}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .name }}
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
        - name: {{ .container }}
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
