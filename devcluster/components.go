package main

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/spf13/pflag"
	"go.etcd.io/etcd/server/v3/embed"
	"go.etcd.io/etcd/server/v3/etcdserver/api/v3client"
	utilerrors "k8s.io/apimachinery/pkg/util/errors"
	"k8s.io/client-go/rest"
	cliflag "k8s.io/component-base/cli/flag"
	kas "k8s.io/kubernetes/cmd/kube-apiserver/app"
	kasopts "k8s.io/kubernetes/cmd/kube-apiserver/app/options"
	kcm "k8s.io/kubernetes/cmd/kube-controller-manager/app"
	kcmopts "k8s.io/kubernetes/cmd/kube-controller-manager/app/options"
	sched "k8s.io/kubernetes/cmd/kube-scheduler/app"
	schedopts "k8s.io/kubernetes/cmd/kube-scheduler/app/options"
)

// parseInto parses component flags the same way the upstream cobra commands
// do, without their signal handlers (which panic when set up twice).
func parseInto(fss cliflag.NamedFlagSets, args []string) error {
	fs := pflag.NewFlagSet("component", pflag.ContinueOnError)
	for _, f := range fss.FlagSets {
		fs.AddFlagSet(f)
	}
	return fs.Parse(args)
}

func startEtcd(ctx context.Context, dir string, clientPort, peerPort int, noFsync bool) (*embed.Etcd, error) {
	cfg := embed.NewConfig()
	cfg.Name = "atrium-dev"
	cfg.Dir = filepath.Join(dir, "etcd")
	cfg.Logger, cfg.LogLevel = "zap", "error"
	c := url.URL{Scheme: "http", Host: "127.0.0.1:" + strconv.Itoa(clientPort)}
	p := url.URL{Scheme: "http", Host: "127.0.0.1:" + strconv.Itoa(peerPort)}
	cfg.ListenClientUrls, cfg.AdvertiseClientUrls = []url.URL{c}, []url.URL{c}
	cfg.ListenPeerUrls, cfg.AdvertisePeerUrls = []url.URL{p}, []url.URL{p}
	cfg.InitialCluster = cfg.InitialClusterFromName(cfg.Name)
	cfg.AutoCompactionMode, cfg.AutoCompactionRetention = "periodic", "5m"
	cfg.UnsafeNoFsync = noFsync
	cfg.QuotaBackendBytes = 2 << 30
	e, err := embed.StartEtcd(cfg)
	if err != nil {
		return nil, err
	}
	select {
	case <-e.Server.ReadyNotify():
		return e, nil
	case err := <-e.Err():
		e.Close()
		return nil, err
	case <-time.After(60 * time.Second):
		e.Close()
		return nil, fmt.Errorf("etcd did not become ready within 60s")
	case <-ctx.Done():
		e.Close()
		return nil, ctx.Err()
	}
}

func apiserverArgs(p pkiDir, port, etcdPort int) []string {
	return []string{
		"--etcd-servers=http://127.0.0.1:" + strconv.Itoa(etcdPort),
		"--bind-address=127.0.0.1",
		"--secure-port=" + strconv.Itoa(port),
		"--advertise-address=127.0.0.1",
		// 127.0.0.1 may not be written into the kubernetes Endpoints.
		"--endpoint-reconciler-type=none",
		"--tls-cert-file=" + p.path("apiserver.crt"),
		"--tls-private-key-file=" + p.path("apiserver.key"),
		"--client-ca-file=" + p.path("ca.crt"),
		"--token-auth-file=" + p.path("tokens.csv"),
		"--service-account-issuer=https://kubernetes.default.svc.cluster.local",
		"--service-account-key-file=" + p.path("sa.key"),
		"--service-account-signing-key-file=" + p.path("sa.key"),
		"--service-cluster-ip-range=10.96.0.0/16",
		"--allow-privileged=true",
		"--requestheader-client-ca-file=" + p.path("front-proxy-ca.crt"),
		"--requestheader-allowed-names=front-proxy-client",
		"--requestheader-username-headers=X-Remote-User",
		"--requestheader-group-headers=X-Remote-Group",
		"--requestheader-extra-headers-prefix=X-Remote-Extra-",
		"--proxy-client-cert-file=" + p.path("front-proxy-client.crt"),
		"--proxy-client-key-file=" + p.path("front-proxy-client.key"),
		"--profiling=false",
	}
}

func runAPIServer(ctx context.Context, args []string) error {
	s := kasopts.NewServerRunOptions()
	if err := parseInto(s.Flags(), args); err != nil {
		return err
	}
	if err := s.GenericServerRunOptions.ComponentGlobalsRegistry.Set(); err != nil {
		return err
	}
	// Loopback clients of the apiserver should not log self-issued warnings.
	rest.SetDefaultWarningHandler(rest.NoWarnings{})
	done, err := s.Complete(ctx)
	if err != nil {
		return err
	}
	if errs := done.Validate(); len(errs) > 0 {
		return utilerrors.NewAggregate(errs)
	}
	cfg, err := kas.NewConfig(done)
	if err != nil {
		return err
	}
	cc, err := cfg.Complete()
	if err != nil {
		return err
	}
	srv, err := kas.CreateServerChain(cc)
	if err != nil {
		return err
	}
	prepared, err := srv.PrepareRun()
	if err != nil {
		return err
	}
	return prepared.Run(ctx)
}

func runControllerManager(ctx context.Context, p pkiDir, kubeconfig string) error {
	s, err := kcmopts.NewKubeControllerManagerOptions()
	if err != nil {
		return err
	}
	known, off, aliases := kcm.KnownControllers(), kcm.ControllersDisabledByDefault(), kcm.ControllerAliases()
	args := []string{
		"--kubeconfig=" + kubeconfig,
		"--leader-elect=false",
		"--secure-port=0",
		"--root-ca-file=" + p.path("ca.crt"),
		"--service-account-private-key-file=" + p.path("sa.key"),
		"--use-service-account-credentials=true",
		// The fakelet keeps its node Ready; nothing renews kubelet leases.
		"--controllers=*,-node-lifecycle-controller",
		"--kube-api-qps=200", "--kube-api-burst=400",
		"--concurrent-namespace-syncs=10",
		"--concurrent-gc-syncs=20",
	}
	if err := parseInto(s.Flags(known, off, aliases), args); err != nil {
		return err
	}
	_ = s.ComponentGlobalsRegistry.Set() // shared with the apiserver, which already applied it
	c, err := s.Config(ctx, known, off, aliases)
	if err != nil {
		return err
	}
	return kcm.Run(ctx, c.Complete())
}

func runScheduler(ctx context.Context, dir, kubeconfig string) error {
	path := filepath.Join(dir, "scheduler.yaml")
	conf := "apiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\n" +
		"clientConnection:\n  kubeconfig: " + kubeconfig + "\n  qps: 200\n  burst: 400\nleaderElection:\n  leaderElect: false\n"
	if err := os.WriteFile(path, []byte(conf), 0o600); err != nil {
		return err
	}
	o := schedopts.NewOptions()
	o.ConfigFile = path
	o.SecureServing.BindPort = 0
	cc, s, err := sched.Setup(ctx, o)
	if err != nil {
		return err
	}
	return sched.Run(ctx, cc, s)
}

// advanceRevision writes one key outside the API server's prefix before the
// API server starts. On a fresh data dir its watch caches would otherwise start
// at revision 1, so a watch from resourceVersion 1 would replay history instead
// of answering 410 Gone as any cluster that has run for a while does (clients'
// relist-on-410 paths are then tested on every run, not only on reused data).
func advanceRevision(ctx context.Context, e *embed.Etcd) error {
	cli := v3client.New(e.Server)
	defer cli.Close()
	_, err := cli.Put(ctx, "/atrium-devcluster/started", time.Now().UTC().Format(time.RFC3339))
	return err
}
