import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authzWebhookPort, stateDir } from '@/scripts/lib/paths';
import { eventually, kubectl, kubectlOk, uniqueName } from '@/test/support/kubectl';

// Access that RBAC does not show: the dev cluster consults an authorization
// webhook (after Node and RBAC) for users named webhook-authz:*, as EKS access
// entries or an SSO proxy would. This file serves that webhook. A person whose
// rights come only from it must see in `kubectl get spaces` exactly what
// SubjectAccessReview — and `kubectl get space <name>` — grant them.

const id = uniqueName('tw');
const ns = [`${id}-a`, `${id}-b`, `${id}-c`];
const scoped = `webhook-authz:${id}-scoped`; // may get namespaces a and b
const everything = `webhook-authz:${id}-all`; // may get every namespace
const granted = new Set([ns[0], ns[1]]);
let server: Server;
const asked: string[] = [];

/** The webhook's decision for one SubjectAccessReview spec. */
function decide(spec: any): boolean {
  const r = spec.resourceAttributes;
  if (!r || ![scoped, everything].includes(spec.user)) return false;
  if (r.group === 'tenancy.kiosk.sh' && r.resource === 'spaces' && ['get', 'list', 'watch'].includes(r.verb)) return true;
  if ((r.group ?? '') !== '' || r.resource !== 'namespaces' || r.verb !== 'get') return false;
  asked.push(`${spec.user} ${r.name ?? '*'}`);
  return spec.user === everything || granted.has(r.name);
}

beforeAll(async () => {
  const pki = path.join(stateDir, 'pki');
  server = createServer({ key: readFileSync(path.join(pki, 'authz-webhook.key')), cert: readFileSync(path.join(pki, 'authz-webhook.crt')) }, (req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      const review = JSON.parse(body);
      const allowed = decide(review.spec ?? {});
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify({ apiVersion: review.apiVersion, kind: 'SubjectAccessReview', status: { allowed, ...(allowed ? { reason: 'allowed by the test webhook' } : {}) } }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(authzWebhookPort, '127.0.0.1', resolve);
  });
  await kubectlOk(['apply', '-f', '-'], ns.map((n) => `apiVersion: v1\nkind: Namespace\nmetadata: {name: ${n}}`).join('\n---\n'));
});

afterAll(async () => {
  server?.close();
  await kubectl(['delete', 'namespace', ...ns, '--wait=false', '--ignore-not-found']);
});

const listed = async (user: string) => (await kubectlOk(['get', 'spaces', '-o', 'name', `--as=${user}`]))
  .split('\n').map((l) => l.replace('space.tenancy.kiosk.sh/', '')).filter((n) => ns.includes(n)).sort();

async function sarAllows(user: string, namespace: string): Promise<boolean> {
  const out = await kubectlOk(['create', '-o', 'jsonpath={.status.allowed}', '-f', '-'], JSON.stringify({
    apiVersion: 'authorization.k8s.io/v1', kind: 'SubjectAccessReview',
    spec: { user, groups: ['system:authenticated'], resourceAttributes: { verb: 'get', resource: 'namespaces', name: namespace, namespace } },
  }));
  return out === 'true';
}

describe('spaces granted by an authorization webhook, not RBAC', () => {
  it('lists exactly the namespaces the webhook grants, as SubjectAccessReview and get do', async () => {
    // The API server really asks the webhook (not RBAC) for this person.
    expect(await Promise.all(ns.map((n) => sarAllows(scoped, n)))).toEqual([true, true, false]);
    expect(await eventually(async () => {
      const seen = await listed(scoped);
      return seen.length === 2 && seen;
    }, 'the list of a webhook-authorized person')).toEqual([ns[0], ns[1]]);
    expect(asked.some((a) => a === `${scoped} ${ns[0]}`)).toBe(true);
    expect(await kubectlOk(['get', 'space', ns[0]!, '-o', 'name', `--as=${scoped}`])).toContain(`space.tenancy.kiosk.sh/${ns[0]}`);
    const hidden = await kubectl(['get', 'space', ns[2]!, `--as=${scoped}`]);
    expect(hidden.stderr).toContain(`spaces.tenancy.kiosk.sh "${ns[2]}" not found`);
  });

  it('shows every space to a person the webhook lets get every namespace', async () => {
    expect(await listed(everything)).toEqual([...ns].sort());
    expect(asked).toContain(`${everything} *`);
  });
});
