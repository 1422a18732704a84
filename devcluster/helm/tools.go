//go:build tools

// Package helm pins the real helm client that the walkthrough uses. It is a
// module of its own because helm's Kubernetes libraries are newer than the
// control plane's replace block allows.
package helm

import _ "helm.sh/helm/v3/cmd/helm"
