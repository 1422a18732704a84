package main

import (
	"fmt"
	"os"
	"path/filepath"
)

// writeKubeconfigs writes the admin kubeconfig (client certificate in
// system:masters) and one token kubeconfig per test identity.
func writeKubeconfigs(stateDir string, p pkiDir, server string, tokens map[string]string) error {
	admin := fmt.Sprintf(`apiVersion: v1
kind: Config
clusters:
- name: atrium-dev
  cluster:
    server: %s
    certificate-authority: %s
users:
- name: admin
  user:
    client-certificate: %s
    client-key: %s
contexts:
- name: atrium-dev
  context: {cluster: atrium-dev, user: admin}
current-context: atrium-dev
`, server, p.path("ca.crt"), p.path("admin.crt"), p.path("admin.key"))
	if err := os.WriteFile(filepath.Join(stateDir, "kubeconfig"), []byte(admin), 0o600); err != nil {
		return err
	}
	users := filepath.Join(stateDir, "users")
	if err := os.MkdirAll(users, 0o700); err != nil {
		return err
	}
	for _, id := range testIdentities {
		cfg := fmt.Sprintf(`apiVersion: v1
kind: Config
clusters:
- name: atrium-dev
  cluster:
    server: %s
    certificate-authority: %s
users:
- name: %s
  user:
    token: %s
contexts:
- name: atrium-dev
  context: {cluster: atrium-dev, user: %s}
current-context: atrium-dev
`, server, p.path("ca.crt"), id.name, tokens[id.name], id.name)
		if err := os.WriteFile(filepath.Join(users, id.name+".kubeconfig"), []byte(cfg), 0o600); err != nil {
			return err
		}
	}
	return nil
}
