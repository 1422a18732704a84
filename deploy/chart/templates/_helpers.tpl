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
caBundle: {{ include "atrium.caBundle" .root }}
{{- end }}
