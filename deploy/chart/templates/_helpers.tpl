{{- define "atrium.labels" -}}
app.kubernetes.io/part-of: atrium
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "atrium.selector" -}}
app.kubernetes.io/name: atrium-controller
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* Serving certificate: generated once and kept across upgrades (lookup), unless running on the dev host. */}}
{{- define "atrium.tls" -}}
{{- $secret := lookup "v1" "Secret" .Release.Namespace "atrium-serving-cert" -}}
{{- if $secret -}}
{{- $_ := set . "atriumTls" (dict "ca" (index $secret.data "ca.crt") "crt" (index $secret.data "tls.crt") "key" (index $secret.data "tls.key")) -}}
{{- else -}}
{{- $ca := genCA "atrium-ca" 3650 -}}
{{- $names := list "tenancy-api" (printf "tenancy-api.%s" .Release.Namespace) (printf "tenancy-api.%s.svc" .Release.Namespace) -}}
{{- $cert := genSignedCert "tenancy-api" nil $names 3650 $ca -}}
{{- $_ := set . "atriumTls" (dict "ca" ($ca.Cert | b64enc) "crt" ($cert.Cert | b64enc) "key" ($cert.Key | b64enc)) -}}
{{- end -}}
{{- end }}

{{- define "atrium.caBundle" -}}
{{- if .Values.devHost.enabled -}}{{ required "devHost.caBundle is required with devHost.enabled" .Values.devHost.caBundle }}{{- else -}}{{ .atriumTls.ca }}{{- end -}}
{{- end }}

{{/* Where the kube-apiserver reaches a webhook path. */}}
{{- define "atrium.webhookClient" -}}
{{- if .root.Values.devHost.enabled }}
url: https://{{ .root.Values.devHost.address }}:{{ .root.Values.devHost.port }}{{ .path }}
{{- else }}
service: {namespace: {{ .root.Release.Namespace }}, name: tenancy-api, port: 443, path: {{ .path }}}
{{- end }}
{{- if not (and .root.Values.certManager.enabled (not .root.Values.devHost.enabled)) }}
caBundle: {{ include "atrium.caBundle" .root }}
{{- end }}
{{- end }}

{{/* With cert-manager, its CA injector writes caBundle from the serving Certificate. */}}
{{- define "atrium.injectCA" -}}
{{- if and .Values.certManager.enabled (not .Values.devHost.enabled) }}
annotations:
  cert-manager.io/inject-ca-from: {{ .Release.Namespace }}/atrium-serving-cert
{{- end }}
{{- end }}

{{- define "atrium.consoleSelector" -}}
app.kubernetes.io/name: atrium-console
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* Pod Security Admission "restricted": non-root, RuntimeDefault seccomp (pod level). */}}
{{- define "atrium.podSecurityContext" -}}
securityContext: {runAsNonRoot: true, runAsUser: 65532, runAsGroup: 65532, fsGroup: 65532, seccompProfile: {type: RuntimeDefault}}
{{- end }}

{{/* Pod Security Admission "restricted" (container level), plus a read-only root: only emptyDir mounts are writable. */}}
{{- define "atrium.containerSecurityContext" -}}
securityContext: {runAsNonRoot: true, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: {drop: [ALL]}, seccompProfile: {type: RuntimeDefault}}
{{- end }}

{{/* DATABASE_URL of the audit trail: the bundled PostgreSQL's, or the operator's Secret; nothing when neither. */}}
{{- define "atrium.databaseUrlEnv" -}}
{{- if .Values.audit.postgresql.enabled }}
- {name: DATABASE_URL, valueFrom: {secretKeyRef: {name: atrium-postgresql, key: database-url}}}
{{- else if .Values.audit.databaseUrlSecret.name }}
- {name: DATABASE_URL, valueFrom: {secretKeyRef: {name: {{ .Values.audit.databaseUrlSecret.name }}, key: {{ .Values.audit.databaseUrlSecret.key }}}}}
{{- end }}
{{- end }}

{{- define "atrium.auditEnabled" -}}
{{- if or .Values.audit.postgresql.enabled .Values.audit.databaseUrlSecret.name }}true{{ end }}
{{- end }}
