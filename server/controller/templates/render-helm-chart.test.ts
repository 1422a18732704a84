import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHelmChart } from './render-helm-chart';

// A stand-in for helm that prints its arguments and the values file it was given, as one ConfigMap.
const FAKE_HELM = `#!${process.execPath}
const fs = require('node:fs');
const args = process.argv.slice(2);
const i = args.indexOf('--values');
const values = i >= 0 ? fs.readFileSync(args[i + 1], 'utf8') : '';
const file = (flag) => { const j = args.indexOf(flag); return j >= 0 && fs.existsSync(args[j + 1]) ? fs.readFileSync(args[j + 1], 'utf8') : ''; };
if (args[0] === 'repo') { fs.appendFileSync(require('node:path').join(__dirname, 'calls.log'), JSON.stringify({ args, repositories: file('--repository-config') }) + '\\n'); process.exit(0); }
fs.appendFileSync(require('node:path').join(__dirname, 'calls.log'), JSON.stringify({ args, repositories: file('--repository-config'), registry: file('--registry-config') }) + '\\n');
if (args.includes('fail-please')) { console.error('Error: chart "fail-please" not found'); process.exit(1); }
process.stdout.write('---\\n# Source: x\\n' + JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'out' }, data: { args: JSON.stringify(args), values } }) + '\\n');
`;

let dir: string;
let helmBin: string;
let log: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'fake-helm-'));
  log = path.join(dir, 'calls.log'); // the fake helm writes its calls next to itself
  helmBin = path.join(dir, 'helm');
  await writeFile(helmBin, FAKE_HELM);
  await chmod(helmBin, 0o755);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const limits = () => ({ helmBin, timeoutMs: 10_000, maxOutputBytes: 1024 * 1024 });
type Out = { data: { args: string; values: string } };

describe('renderHelmChart', () => {
  it('runs helm template with release, chart, repo, version, namespace, CRDs, values and set values', async () => {
    const [doc] = (await renderHelmChart({
      releaseName: 'web', namespace: 'dev', values: { greeting: 'hi', on: 'yes' },
      helm: { chart: { repository: { name: 'nginx', version: '1.2.3', repoUrl: 'https://charts.example.com' } }, setValues: [{ name: 'a', value: '1' }, { name: 'b', value: '2', forceString: true }] },
    }, limits())) as unknown as Out[];
    const args = JSON.parse(doc!.data.args) as string[];
    expect(args.slice(0, 6)).toEqual(['template', 'web', 'nginx', '--namespace', 'dev', '--include-crds']);
    expect(args.join(' ')).toContain('--repo https://charts.example.com --version 1.2.3');
    expect(args.join(' ')).toMatch(/--set a=1 --set-string b=2$/);
    expect(args[args.indexOf('--repository-cache') + 1]).toMatch(/atrium-helm-/);
    expect(doc!.data.values).toBe('greeting: hi\n"on": "yes"\n');
  });

  it('needs no --repo for an OCI chart', async () => {
    const [doc] = (await renderHelmChart({ releaseName: 'r', namespace: 'dev', helm: { chart: { repository: { name: 'oci://registry.example.com/charts/app' } } } }, limits())) as unknown as Out[];
    expect(JSON.parse(doc!.data.args)).not.toContain('--repo');
  });

  it.each([
    ['no chart name', {}, 'resources.helm.chart.repository.name is required'],
    ['no repository URL', { chart: { repository: { name: 'app' } } }, 'resources.helm.chart.repository.repoUrl is required'],
    ['helm failing', { chart: { repository: { name: 'fail-please', repoUrl: 'https://x' } } }, /exited with code 1: Error: chart "fail-please" not found/],
  ])('fails on %s', async (_, helm, message) => {
    await expect(renderHelmChart({ releaseName: 'r', namespace: 'dev', helm }, limits())).rejects.toThrow(message);
  });

  // Every process on the host can read another's command line (/proc/<pid>/cmdline): credentials go in files.
  const secret = { name: 'repo-auth', namespace: 'kiosk', key: 'k' };
  const readSecret = async (_: unknown, what: string) => (what === 'username' ? 'robot' : 's3cr3t-pa55');
  const calls = async () => (await readFile(log, 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { args: string[]; repositories: string; registry?: string });

  it('passes repository credentials in its own repositories.yaml, never as arguments', async () => {
    await writeFile(log, '');
    await renderHelmChart({ releaseName: 'r', namespace: 'dev', helm: { chart: { repository: { name: 'app', repoUrl: 'https://charts.example.com', username: secret, password: secret } } } }, { ...limits(), readSecret });
    const [update, template] = await calls();
    expect(update!.args.slice(0, 3)).toEqual(['repo', 'update', 'atrium-template-repository']);
    expect(template!.args.slice(0, 3)).toEqual(['template', 'r', 'atrium-template-repository/app']);
    for (const c of [update!, template!]) {
      expect(c.args.join(' ')).not.toContain('s3cr3t-pa55');
      expect(c.args).not.toContain('--password');
      expect(c.args).not.toContain('--username');
    }
    expect(template!.repositories).toContain('password: s3cr3t-pa55');
    expect(template!.repositories).toContain('url: https://charts.example.com');
  });

  it('passes OCI registry credentials in its own registry config', async () => {
    await writeFile(log, '');
    await renderHelmChart({ releaseName: 'r', namespace: 'dev', helm: { chart: { repository: { name: 'oci://registry.example.com/charts/app', username: secret, password: secret } } } }, { ...limits(), readSecret });
    const [template] = await calls();
    expect(template!.args.join(' ')).not.toContain('s3cr3t-pa55');
    expect(JSON.parse(template!.registry!)).toEqual({ auths: { 'registry.example.com': { auth: Buffer.from('robot:s3cr3t-pa55').toString('base64') } } });
  });
});
