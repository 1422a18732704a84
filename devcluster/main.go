// Command devcluster runs a real Kubernetes control plane on 127.0.0.1 in one
// process: embedded etcd, kube-apiserver (RBAC, aggregation layer, default
// admission plugins), kube-controller-manager, kube-scheduler and a fake
// kubelet. It exists so that Atrium is built and tested against the real API
// server rather than an imitation of it.
package main

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"flag"
	"fmt"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"syscall"
	"time"

	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/tools/clientcmd"
	logsapi "k8s.io/component-base/logs/api/v1"
	"k8s.io/klog/v2"
)

func main() {
	dir := flag.String("data-dir", ".atrium", "state folder: etcd data, pki, kubeconfigs")
	port := flag.Int("port", 16443, "kube-apiserver port on 127.0.0.1 (etcd uses the next two)")
	noFsync := flag.Bool("unsafe-no-fsync", false, "skip fsync in etcd (tests only: faster, loses data on power loss)")
	verbosity := flag.String("v", "0", "klog verbosity of the control-plane components")
	var oidc oidcOptions
	flag.StringVar(&oidc.issuerURL, "oidc-issuer-url", "", "trust ID tokens of this OpenID Connect issuer (https; empty: none)")
	flag.StringVar(&oidc.audience, "oidc-audience", "atrium-console", "audience (client id) the trusted ID tokens must carry")
	flag.Parse()

	klogFlags := flag.NewFlagSet("klog", flag.ContinueOnError)
	klog.InitFlags(klogFlags)
	_ = klogFlags.Set("v", *verbosity)
	// Several components in one process would otherwise fight over logging config.
	logsapi.ReapplyHandling = logsapi.ReapplyHandlingIgnoreUnchanged

	if err := run(*dir, *port, *noFsync, oidc); err != nil {
		fmt.Fprintln(os.Stderr, "devcluster:", err)
		os.Exit(1)
	}
}

func run(dir string, port int, noFsync bool, oidc oidcOptions) error {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	abs, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	started := time.Now()
	p := pkiDir{filepath.Join(abs, "pki")}
	tokens, err := ensurePKI(p)
	if err != nil {
		return fmt.Errorf("pki: %w", err)
	}
	server := "https://127.0.0.1:" + strconv.Itoa(port)
	if err := writeKubeconfigs(abs, p, server, tokens); err != nil {
		return err
	}
	kubeconfig := filepath.Join(abs, "kubeconfig")
	args := apiserverArgs(p, port, port+1)
	admissionConfig, err := writeAdmissionConfig(p)
	if err != nil {
		return err
	}
	args = append(args, "--admission-control-config-file="+admissionConfig)
	// Node, RBAC and a development webhook (the upstream default is AlwaysAllow; tenancy is meaningless without RBAC).
	authzConfig, err := writeAuthorizationConfig(p, port+3)
	if err != nil {
		return err
	}
	args = append(args, "--authorization-config="+authzConfig)
	if oidc.issuerURL != "" {
		authnConfig, err := writeAuthenticationConfig(p, oidc)
		if err != nil {
			return err
		}
		args = append(args, "--authentication-config="+authnConfig)
	}

	etcd, err := startEtcd(ctx, abs, port+1, port+2, noFsync)
	if err != nil {
		return fmt.Errorf("etcd: %w", err)
	}
	defer etcd.Close()
	logf("etcd ready on 127.0.0.1:%d", port+1)
	if err := advanceRevision(ctx, etcd); err != nil {
		return fmt.Errorf("etcd: %w", err)
	}

	errc := make(chan error, 4)
	component := func(name string, f func() error) {
		go func() {
			if err := f(); err != nil && ctx.Err() == nil {
				errc <- fmt.Errorf("%s: %w", name, err)
			}
		}()
	}
	apiCtx, stopAPI := context.WithCancel(context.Background())
	defer stopAPI()
	component("kube-apiserver", func() error { return runAPIServer(apiCtx, args) })
	if err := waitReady(ctx, server, p, errc); err != nil {
		return err
	}
	logf("kube-apiserver ready at %s", server)

	restCfg, err := clientcmd.BuildConfigFromFlags("", kubeconfig)
	if err != nil {
		return err
	}
	restCfg.QPS, restCfg.Burst = 200, 400
	client := kubernetes.NewForConfigOrDie(restCfg)
	component("kube-controller-manager", func() error { return runControllerManager(ctx, p, kubeconfig) })
	component("kube-scheduler", func() error { return runScheduler(ctx, abs, kubeconfig) })
	component("fakelet", func() error { return (&fakelet{client: client, node: fakeNodeName}).run(ctx) })

	pidFile := filepath.Join(abs, "devcluster.pid")
	_ = os.WriteFile(pidFile, []byte(strconv.Itoa(os.Getpid())), 0o644)
	defer os.Remove(pidFile)
	// The line tooling waits for: everything above is up.
	fmt.Printf("devcluster ready in %.1fs: KUBECONFIG=%s\n", time.Since(started).Seconds(), kubeconfig)

	select {
	case <-ctx.Done():
		logf("shutting down")
	case err := <-errc:
		return err
	}
	// Stop the API server before etcd, so it does not log a storm of etcd errors.
	stopAPI()
	time.Sleep(500 * time.Millisecond)
	return nil
}

func logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "devcluster: "+format+"\n", args...)
}

// waitReady polls /readyz with the admin certificate.
func waitReady(ctx context.Context, server string, p pkiDir, errc chan error) error {
	caPEM, err := os.ReadFile(p.path("ca.crt"))
	if err != nil {
		return err
	}
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(caPEM)
	cert, err := tls.LoadX509KeyPair(p.path("admin.crt"), p.path("admin.key"))
	if err != nil {
		return err
	}
	hc := &http.Client{Timeout: 5 * time.Second, Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool, Certificates: []tls.Certificate{cert}}}}
	deadline := time.Now().Add(120 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case err := <-errc:
			return err
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(300 * time.Millisecond):
		}
		resp, err := hc.Get(server + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
	}
	return fmt.Errorf("kube-apiserver not ready after 120s")
}
