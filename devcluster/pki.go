package main

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// pkiDir holds every credential of the dev cluster. Files are created once and
// reused, so kubeconfigs handed to tools stay valid across restarts.
type pkiDir struct{ dir string }

func (p pkiDir) path(name string) string { return filepath.Join(p.dir, name) }

type keyPair struct {
	cert *x509.Certificate
	key  crypto.Signer
}

func exists(path string) bool { _, err := os.Stat(path); return err == nil }

func writePEM(path, typ string, der []byte, mode os.FileMode) error {
	return os.WriteFile(path, pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der}), mode)
}

func newKey() (*ecdsa.PrivateKey, error) { return ecdsa.GenerateKey(elliptic.P256(), rand.Reader) }

func serial() *big.Int {
	n, _ := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 120))
	return n
}

// ensureCA loads or creates a self-signed CA named name (files name.crt/name.key).
func (p pkiDir) ensureCA(name, cn string) (*keyPair, error) {
	if exists(p.path(name + ".crt")) {
		return p.load(name)
	}
	key, err := newKey()
	if err != nil {
		return nil, err
	}
	tmpl := &x509.Certificate{
		SerialNumber:          serial(),
		Subject:               pkix.Name{CommonName: cn},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().AddDate(10, 0, 0),
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature | x509.KeyUsageKeyEncipherment,
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
	if err != nil {
		return nil, err
	}
	if err := p.save(name, der, key); err != nil {
		return nil, err
	}
	return p.load(name)
}

type leafSpec struct {
	cn     string
	orgs   []string
	dns    []string
	ips    []net.IP
	server bool
	client bool
}

// ensureLeaf loads or creates a certificate signed by ca.
func (p pkiDir) ensureLeaf(name string, ca *keyPair, s leafSpec) error {
	if exists(p.path(name + ".crt")) {
		return nil
	}
	key, err := newKey()
	if err != nil {
		return err
	}
	tmpl := &x509.Certificate{
		SerialNumber: serial(),
		Subject:      pkix.Name{CommonName: s.cn, Organization: s.orgs},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().AddDate(5, 0, 0),
		KeyUsage:     x509.KeyUsageDigitalSignature | x509.KeyUsageKeyEncipherment,
		DNSNames:     s.dns,
		IPAddresses:  s.ips,
	}
	if s.server {
		tmpl.ExtKeyUsage = append(tmpl.ExtKeyUsage, x509.ExtKeyUsageServerAuth)
	}
	if s.client {
		tmpl.ExtKeyUsage = append(tmpl.ExtKeyUsage, x509.ExtKeyUsageClientAuth)
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca.cert, key.Public(), ca.key)
	if err != nil {
		return err
	}
	return p.save(name, der, key)
}

func (p pkiDir) save(name string, der []byte, key *ecdsa.PrivateKey) error {
	kder, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		return err
	}
	if err := writePEM(p.path(name+".key"), "EC PRIVATE KEY", kder, 0o600); err != nil {
		return err
	}
	return writePEM(p.path(name+".crt"), "CERTIFICATE", der, 0o644)
}

func (p pkiDir) load(name string) (*keyPair, error) {
	cb, err := os.ReadFile(p.path(name + ".crt"))
	if err != nil {
		return nil, err
	}
	kb, err := os.ReadFile(p.path(name + ".key"))
	if err != nil {
		return nil, err
	}
	cblock, _ := pem.Decode(cb)
	kblock, _ := pem.Decode(kb)
	if cblock == nil || kblock == nil {
		return nil, fmt.Errorf("%s: not PEM", name)
	}
	cert, err := x509.ParseCertificate(cblock.Bytes)
	if err != nil {
		return nil, err
	}
	key, err := x509.ParseECPrivateKey(kblock.Bytes)
	if err != nil {
		return nil, err
	}
	return &keyPair{cert, key}, nil
}

// ensureSAKey writes the RSA key that signs service-account tokens.
func (p pkiDir) ensureSAKey() error {
	if exists(p.path("sa.key")) {
		return nil
	}
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return err
	}
	return writePEM(p.path("sa.key"), "RSA PRIVATE KEY", x509.MarshalPKCS1PrivateKey(key), 0o600)
}

// identity is a test user that authenticates with a static bearer token.
type identity struct {
	name   string
	groups []string
}

// testIdentities are the people of the reference walkthrough plus a few for
// tests that need group membership. Admins use the client certificate instead.
var testIdentities = []identity{
	{"dev", nil},
	{"dba", nil},
	{"alice", []string{"team-a"}},
	{"bob", []string{"team-b"}},
	{"carol", []string{"team-a", "team-b"}},
	// The console's own identity in the dev cluster: it may only impersonate
	// (granted by the chart), never act with rights of its own.
	{"atrium-console", []string{"atrium:consoles"}},
}

func randomToken() string {
	b := make([]byte, 24)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// ensureTokens writes tokens.csv for --token-auth-file and returns user → token.
func (p pkiDir) ensureTokens() (map[string]string, error) {
	tokens := map[string]string{}
	if b, err := os.ReadFile(p.path("tokens.csv")); err == nil {
		for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
			f := strings.SplitN(line, ",", 4)
			if len(f) >= 3 {
				tokens[f[1]] = f[0]
			}
		}
	} else if !errors.Is(err, os.ErrNotExist) {
		return nil, err
	}
	var sb strings.Builder
	for _, id := range testIdentities {
		if tokens[id.name] == "" {
			tokens[id.name] = randomToken()
		}
		fmt.Fprintf(&sb, "%s,%s,%s", tokens[id.name], id.name, id.name)
		if len(id.groups) > 0 {
			fmt.Fprintf(&sb, ",%q", strings.Join(id.groups, ","))
		}
		sb.WriteString("\n")
	}
	return tokens, os.WriteFile(p.path("tokens.csv"), []byte(sb.String()), 0o600)
}

// ensurePKI creates the whole PKI of the dev cluster.
func ensurePKI(p pkiDir) (map[string]string, error) {
	if err := os.MkdirAll(p.dir, 0o700); err != nil {
		return nil, err
	}
	ca, err := p.ensureCA("ca", "atrium-devcluster-ca")
	if err != nil {
		return nil, err
	}
	fp, err := p.ensureCA("front-proxy-ca", "atrium-front-proxy-ca")
	if err != nil {
		return nil, err
	}
	leaves := []struct {
		name string
		ca   *keyPair
		spec leafSpec
	}{
		{"apiserver", ca, leafSpec{cn: "kube-apiserver", server: true,
			dns: []string{"localhost", "kubernetes", "kubernetes.default", "kubernetes.default.svc", "kubernetes.default.svc.cluster.local"},
			ips: []net.IP{net.ParseIP("127.0.0.1"), net.ParseIP("10.96.0.1")}}},
		{"admin", ca, leafSpec{cn: "admin", orgs: []string{"system:masters"}, client: true}},
		{"front-proxy-client", fp, leafSpec{cn: "front-proxy-client", client: true}},
		// Presented by the kube-apiserver to admission webhooks (admission-config.yaml).
		{"webhook-client", ca, leafSpec{cn: "kube-apiserver-webhook-client", client: true}},
		// Serves the development authorization webhook that tests run (authorization-config.yaml).
		{"authz-webhook", ca, leafSpec{cn: "atrium-dev-authz-webhook", server: true, ips: []net.IP{net.ParseIP("127.0.0.1")}}},
		// Serves the development OpenID Connect provider on https://localhost.
		{"oidc-serving", ca, leafSpec{cn: "atrium-dev-oidc", server: true, dns: []string{"localhost"}, ips: []net.IP{net.ParseIP("127.0.0.1")}}},
	}
	for _, l := range leaves {
		if err := p.ensureLeaf(l.name, l.ca, l.spec); err != nil {
			return nil, fmt.Errorf("%s certificate: %w", l.name, err)
		}
	}
	if err := p.ensureSAKey(); err != nil {
		return nil, err
	}
	return p.ensureTokens()
}
