import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { childProcessEnv } from '@/server/env';
import { kubeRequest, resourcePath, type ResourceRef } from '@/server/kube';
import type { JsonValue } from '@/server/tenancy';
import { parseYamlDocuments, toYamlDocument } from './parse-yaml-documents';
import { runBounded } from './run-bounded';

/** A key of a Secret holding a repository credential (Template `resources.helm.chart.repository.username/password`). */
export interface SecretKeyRef {
  name: string;
  namespace: string;
  key: string;
}

/** `Template.resources.helm` (kiosk-api.md). */
export interface HelmSpec {
  releaseName?: string;
  chart?: { repository?: { name?: string; version?: string; repoUrl?: string; username?: SecretKeyRef; password?: SecretKeyRef } };
  values?: string;
  setValues?: { name: string; value: string; forceString?: boolean }[];
}

export interface RenderHelmChartInput {
  helm: HelmSpec;
  releaseName: string;
  namespace: string;
  /** `helm.values` after parameter substitution; undefined for none. */
  values?: JsonValue;
}

export interface HelmLimits {
  helmBin: string;
  /** Parent of each run's scratch directory; the OS temp dir when unset. */
  tmpDir?: string;
  timeoutMs: number;
  maxOutputBytes: number;
  /** Reads a repository credential; the Secret through the API server unless given. */
  readSecret?: (ref: SecretKeyRef, what: string) => Promise<string>;
}

const secrets: ResourceRef = { group: '', version: 'v1', plural: 'secrets', namespaced: true };
/** The name a credentialed repository gets in a run's own repositories.yaml. */
const CREDENTIALED_REPO = 'atrium-template-repository';

/**
 * Renders a chart with the real helm client — `helm template <release> <chart> --repo <url> --version <v>
 * --namespace <ns> --include-crds -f <values> --set ...` — and returns its documents, to be applied like manifests
 * (Kiosk applied charts this way too: no Helm release is installed). Every run gets a fresh repository cache and
 * config in a temporary directory, so runs neither share state nor leak credentials into each other.
 * @throws Error with helm's own message (chart not found, bad values, timeout, too much output).
 */
export async function renderHelmChart(input: RenderHelmChartInput, limits: HelmLimits): Promise<JsonValue[]> {
  const repo = input.helm.chart?.repository;
  if (!repo?.name) throw new Error('resources.helm.chart.repository.name is required');
  const oci = repo.name.startsWith('oci://');
  // Kiosk required a repository URL; a chart path on the controller's own disk is deliberately not reachable.
  if (!oci && !repo.repoUrl) throw new Error('resources.helm.chart.repository.repoUrl is required (or a chart name of the form oci://...)');

  const dir = await mkdtemp(path.join(limits.tmpDir ?? tmpdir(), 'atrium-helm-'));
  try {
    const files = { cache: path.join(dir, 'cache'), repositories: path.join(dir, 'repositories.yaml'), registry: path.join(dir, 'registry.json') };
    const common = ['--repository-cache', files.cache, '--repository-config', files.repositories, '--registry-config', files.registry];
    // helm's own homes too: `--repo` caches the index under HELM_CACHE_HOME whatever --repository-cache says, and
    // the default (~/.cache) is on a read-only root filesystem in the controller's pod.
    const home = (p: string) => path.join(dir, 'home', p);
    const run = { timeoutMs: limits.timeoutMs, maxOutputBytes: limits.maxOutputBytes, env: childProcessEnv({ HELM_CACHE_HOME: home('cache'), HELM_CONFIG_HOME: home('config'), HELM_DATA_HOME: home('data') }) };
    const readSecret = limits.readSecret ?? readSecretKey;
    const username = repo.username ? await readSecret(repo.username, 'username') : undefined;
    const password = repo.password ? await readSecret(repo.password, 'password') : undefined;
    let chart = repo.name;
    // Credentials never go on helm's command line, which every process on the host can read in /proc: they are
    // written to this run's own repository or registry config (mode 0600, removed with the directory).
    if ((username || password) && oci) {
      const host = repo.name.slice('oci://'.length).split('/')[0]!;
      const auth = Buffer.from(`${username ?? ''}:${password ?? ''}`).toString('base64');
      await writeFile(files.registry, JSON.stringify({ auths: { [host]: { auth } } }), { mode: 0o600 });
    } else if (username || password) {
      await writeFile(files.repositories, toYamlDocument({ apiVersion: '', generated: '0001-01-01T00:00:00Z', repositories: [{ name: CREDENTIALED_REPO, url: repo.repoUrl!, username: username ?? '', password: password ?? '' }] }), { mode: 0o600 });
      await runBounded(limits.helmBin, ['repo', 'update', CREDENTIALED_REPO, ...common], run);
      chart = `${CREDENTIALED_REPO}/${repo.name}`;
    }
    const args = ['template', input.releaseName, chart, '--namespace', input.namespace, '--include-crds', ...common];
    if (repo.repoUrl && !oci && chart === repo.name) args.push('--repo', repo.repoUrl);
    if (repo.version) args.push('--version', repo.version);
    if (input.values !== undefined && input.values !== null) {
      const file = path.join(dir, 'values.yaml');
      await writeFile(file, toYamlDocument(input.values), { mode: 0o600 });
      args.push('--values', file);
    }
    for (const v of input.helm.setValues ?? []) args.push(v.forceString ? '--set-string' : '--set', `${v.name}=${v.value}`);
    const out = await runBounded(limits.helmBin, args, run);
    try {
      return parseYamlDocuments(out);
    } catch (err) {
      throw new Error(`helm printed invalid YAML: ${(err as Error).message}`);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function readSecretKey(ref: SecretKeyRef, what: string): Promise<string> {
  const secret = await kubeRequest<{ data?: Record<string, string> }>({ path: resourcePath(secrets, { namespace: ref.namespace, name: ref.name }) }).catch((e: Error) => {
    throw new Error(`cannot read the repository ${what} from Secret ${ref.namespace}/${ref.name}: ${e.message}`);
  });
  const data = secret.data?.[ref.key];
  if (data === undefined) throw new Error(`Secret ${ref.namespace}/${ref.name} has no key '${ref.key}' (the repository ${what})`);
  return Buffer.from(data, 'base64').toString('utf8');
}
