import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { binDir, devclusterBin, helmBin, kubectlBin, root } from './paths';
import { run } from './proc';
import { info, seconds, step } from './step';

const moduleDir = path.join(root, 'devcluster');
const helmModuleDir = path.join(moduleDir, 'helm');
const stampFile = path.join(binDir, 'build-key');
/** Written after a real (not cached) build, for bench/. */
export const buildStatsFile = path.join(binDir, 'build-stats.json');

const K8S_VERSION = 'v1.36.3';
const HELM_VERSION = 'v3.22.0';
const versionFlags = ['k8s.io/component-base/version', 'k8s.io/client-go/pkg/version']
  .flatMap((pkg) => [`-X ${pkg}.gitVersion=${K8S_VERSION}`, `-X ${pkg}.gitMajor=1`, `-X ${pkg}.gitMinor=36`, `-X ${pkg}.gitTreeState=clean`])
  .join(' ');

const goEnv = {
  ...process.env,
  GOTOOLCHAIN: 'local', // never fetch a toolchain: this machine has no internet
  CGO_ENABLED: '0',
  GOFLAGS: '-mod=readonly',
};

/** The build is cached by the hash of every input, so later runs pay seconds, not the cold build. */
function buildKey(goVersion: string): string {
  const h = createHash('sha256').update(goVersion).update(versionFlags);
  for (const dir of [moduleDir, helmModuleDir]) {
    for (const f of readdirSync(dir).filter((f) => /\.(go|mod|sum)$/.test(f)).sort()) {
      h.update(f).update(readFileSync(path.join(dir, f)));
    }
  }
  return h.digest('hex');
}

async function goBuild(cwd: string, out: string, pkg: string, extraLdflags = '') {
  let packages = 0;
  let last = Date.now();
  const started = Date.now();
  await run('go', ['build', '-v', '-p', '2', '-trimpath', '-ldflags', `-s -w ${versionFlags} ${extraLdflags}`, '-o', out, pkg], {
    cwd,
    env: goEnv,
    onLine: () => {
      packages++;
      if (Date.now() - last > 30_000) {
        last = Date.now();
        info(`… ${path.basename(out)}: ${packages} packages compiled, ${seconds(started)} so far`);
      }
    },
  });
}

/** Builds devcluster, kubectl and helm into .atrium/bin unless an identical build is there. */
export async function ensureDevclusterBuilt(): Promise<void> {
  const { stdout: goVersion } = await run('go', ['version'], { env: goEnv });
  const key = buildKey(goVersion.trim());
  const haveAll = [devclusterBin, kubectlBin, helmBin].every(existsSync);
  if (haveAll && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === key) return;
  mkdirSync(binDir, { recursive: true });
  const started = Date.now();
  await step('Building the dev control plane from Kubernetes Go modules (cold: 15-30 min on 2 cores, then cached)', async () => {
    info(goVersion.trim());
    await goBuild(moduleDir, devclusterBin, '.');
    info('devcluster built; building kubectl');
    await goBuild(moduleDir, kubectlBin, 'k8s.io/kubernetes/cmd/kubectl');
    info('kubectl built; building helm');
    await goBuild(helmModuleDir, helmBin, 'helm.sh/helm/v3/cmd/helm', `-X helm.sh/helm/v3/internal/version.version=${HELM_VERSION}`);
  });
  writeFileSync(buildStatsFile, JSON.stringify({ seconds: (Date.now() - started) / 1000, at: new Date().toISOString(), goVersion: goVersion.trim() }));
  writeFileSync(stampFile, key);
}
