package main

import (
	"fmt"
	"os"
	"strings"
)

// oidcOptions make the kube-apiserver trust a development OpenID Connect
// provider, as EKS does once an OIDC identity provider is associated: an ID
// token from it is a bearer token for kubectl and the console alike.
type oidcOptions struct {
	issuerURL string // must match the provider's "iss" character for character
	audience  string // the console's client id
}

// writeAuthenticationConfig writes a structured AuthenticationConfiguration
// (GA since Kubernetes 1.34) that trusts the provider, whose serving
// certificate is signed by this cluster's CA. Usernames come from "sub" and
// groups from "groups" without prefixes, so the provider's dev is the same
// Kubernetes user as the static-token dev of the tests.
func writeAuthenticationConfig(p pkiDir, o oidcOptions) (string, error) {
	caPEM, err := os.ReadFile(p.path("ca.crt"))
	if err != nil {
		return "", err
	}
	var ca strings.Builder
	for _, line := range strings.Split(strings.TrimSpace(string(caPEM)), "\n") {
		ca.WriteString("      " + line + "\n")
	}
	conf := fmt.Sprintf(`apiVersion: apiserver.config.k8s.io/v1
kind: AuthenticationConfiguration
jwt:
- issuer:
    url: %q
    audiences: [%q]
    certificateAuthority: |
%s  claimMappings:
    username: {claim: sub, prefix: ""}
    groups: {claim: groups, prefix: ""}
`, o.issuerURL, o.audience, ca.String())
	path := p.path("authentication-config.yaml")
	return path, os.WriteFile(path, []byte(conf), 0o600)
}

// writeAdmissionConfig makes the kube-apiserver present a client certificate
// (CN kube-apiserver-webhook-client) to every admission webhook, as a
// self-managed cluster configures it, so webhooks can refuse callers that are
// not the API server. "*" is the kubeconfig user for any webhook host.
func writeAdmissionConfig(p pkiDir) (string, error) {
	kubeconfig := p.path("webhook-client.kubeconfig")
	kc := fmt.Sprintf(`apiVersion: v1
kind: Config
users:
- name: "*"
  user:
    client-certificate: %s
    client-key: %s
`, p.path("webhook-client.crt"), p.path("webhook-client.key"))
	if err := os.WriteFile(kubeconfig, []byte(kc), 0o600); err != nil {
		return "", err
	}
	var plugins strings.Builder
	for _, name := range []string{"ValidatingAdmissionWebhook", "MutatingAdmissionWebhook"} {
		fmt.Fprintf(&plugins, `- name: %s
  configuration:
    apiVersion: apiserver.config.k8s.io/v1
    kind: WebhookAdmissionConfiguration
    kubeConfigFile: %q
`, name, kubeconfig)
	}
	conf := "apiVersion: apiserver.config.k8s.io/v1\nkind: AdmissionConfiguration\nplugins:\n" + plugins.String()
	path := p.path("admission-config.yaml")
	return path, os.WriteFile(path, []byte(conf), 0o600)
}

// authzWebhookUserPrefix marks the users the development authorization webhook
// is asked about; everyone else is decided by Node and RBAC alone.
const authzWebhookUserPrefix = "webhook-authz:"

// writeAuthorizationConfig chains Node, RBAC and a webhook authorizer, as
// clusters with access entries (EKS) or SSO proxies do: the webhook at
// https://127.0.0.1:<webhookPort> is consulted only for users named
// webhook-authz:*, its decisions cached for a second, and nobody listening
// there means no opinion. Tests serve it (with pki/authz-webhook.crt) to grant
// access RBAC does not show.
func writeAuthorizationConfig(p pkiDir, webhookPort int) (string, error) {
	kubeconfig := p.path("authz-webhook.kubeconfig")
	kc := fmt.Sprintf(`apiVersion: v1
kind: Config
clusters:
- name: authz-webhook
  cluster: {server: "https://127.0.0.1:%d/authorize", certificate-authority: %q}
users:
- name: kube-apiserver
  user: {client-certificate: %q, client-key: %q}
contexts:
- name: authz-webhook
  context: {cluster: authz-webhook, user: kube-apiserver}
current-context: authz-webhook
`, webhookPort, p.path("ca.crt"), p.path("webhook-client.crt"), p.path("webhook-client.key"))
	if err := os.WriteFile(kubeconfig, []byte(kc), 0o600); err != nil {
		return "", err
	}
	conf := fmt.Sprintf(`apiVersion: apiserver.config.k8s.io/v1
kind: AuthorizationConfiguration
authorizers:
- {type: Node, name: node}
- {type: RBAC, name: rbac}
- type: Webhook
  name: dev-webhook
  webhook:
    timeout: 3s
    subjectAccessReviewVersion: v1
    matchConditionSubjectAccessReviewVersion: v1
    failurePolicy: NoOpinion
    authorizedTTL: 1s
    unauthorizedTTL: 1s
    connectionInfo: {type: KubeConfigFile, kubeConfigFile: %q}
    matchConditions:
    - expression: request.user.startsWith(%q)
`, kubeconfig, authzWebhookUserPrefix)
	path := p.path("authorization-config.yaml")
	return path, os.WriteFile(path, []byte(conf), 0o600)
}
