import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEvent, AuditFilter, AuditStore } from '@/server/audit';
import { databaseUrl } from '../../scripts/lib/postgres';
import { eventually, kubectl, kubectlOk, uniqueName } from '../support/kubectl';
import { tempDir, testStore } from './support';

// What the controller records of changes made outside the console (kubectl, GitOps) and of its own decisions, read
// back from the stack's audit database, which the dev controller writes to (scripts/lib/atrium.ts passes DATABASE_URL).

const id = uniqueName('aud');
const alice = `${id}-alice`; // may create spaces (kiosk-edit), subject of the account
const acct = `${id}-a`;
const space = `${id}-s1`;
const quota = `${id}-q`;
const template = `${id}-t`;
const spool = tempDir('controller');
let store: AuditStore;
let admin: string;

const as = (user: string) => [`--as=${user}`, '--as-group=system:authenticated'];
const apply = (yaml: string, ...args: string[]) => kubectlOk(['apply', '-f', '-', ...args], yaml);
const account = (subjects: string) => `{"apiVersion": "config.kiosk.sh/v1alpha1", "kind": "Account", "metadata": {"name": "${acct}"}, "spec": {"subjects": [${subjects}]}}`;

/** Events of this test run matching the filter, once `ready` is satisfied (the controller records in the background). */
async function eventsWhen(filter: AuditFilter, ready: (events: AuditEvent[]) => boolean, what: string, timeoutMs = 30_000): Promise<AuditEvent[]> {
  return eventually(async () => {
    const { events } = await store.listAuditEvents({ text: id, ...filter }, null, 200);
    return ready(events) ? events : undefined;
  }, what, timeoutMs);
}

beforeAll(async () => {
  store = testStore(databaseUrl('app'), spool.dir);
  admin = (await kubectlOk(['auth', 'whoami', '-o', 'jsonpath={.status.userInfo.username}'])).trim();
  await apply(`{"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRoleBinding", "metadata": {"name": "${id}-edit"},
    "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "kiosk-edit"},
    "subjects": [{"kind": "User", "name": "${alice}", "apiGroup": "rbac.authorization.k8s.io"}]}`);
});
afterAll(async () => {
  await kubectl(['delete', 'namespace', space, `${id}-s2`, '--wait=false', '--ignore-not-found']);
  await kubectl(['delete', 'accountquotas.config.kiosk.sh', quota, '--ignore-not-found']);
  await kubectl(['delete', 'accounts.config.kiosk.sh', acct, '--wait=false', '--ignore-not-found']);
  await kubectl(['delete', 'templates.config.kiosk.sh', template, `${template}-bad`, '--ignore-not-found']);
  await kubectl(['delete', 'clusterrolebinding', `${id}-edit`, '--ignore-not-found']);
  await store?.close();
  spool.remove();
});

describe('changes made through the Kubernetes API', () => {
  it('kubectl create, update and delete of config.kiosk.sh objects are recorded with who made them, denials with the message', async () => {
    await apply(account(`{"kind": "User", "name": "${alice}", "apiGroup": "rbac.authorization.k8s.io"}`));
    await apply(account(`{"kind": "User", "name": "${alice}", "apiGroup": "rbac.authorization.k8s.io"}, {"kind": "Group", "name": "${id}-g", "apiGroup": "rbac.authorization.k8s.io"}`));
    const bad = await kubectl(['apply', '-f', '-'], account('{"kind": "Robot", "name": "x"}'));
    expect(bad.code).not.toBe(0);
    await apply(`{"apiVersion": "config.kiosk.sh/v1alpha1", "kind": "AccountQuota", "metadata": {"name": "${quota}"}, "spec": {"account": "${acct}", "quota": {"hard": {"services": "0", "count/configmaps": "10"}}}}`);

    const events = await eventsWhen({ source: 'api', account: acct }, (e) => e.length >= 4, 'the account and quota events');
    const byAction = (a: string) => events.filter((e) => e.action === a);
    expect(byAction('account.create')).toHaveLength(1);
    expect(byAction('account.create')[0]).toMatchObject({ source: 'api', outcome: 'done', actor: { username: admin, via: 'api' }, target: { kind: 'Account', name: acct, account: acct } });
    const updates = byAction('account.update');
    expect(updates.map((e) => e.outcome).sort()).toEqual(['denied', 'done']);
    expect(updates.find((e) => e.outcome === 'done')!.summary).toMatchObject({ object: { spec: { subjects: [{ name: alice }, { name: `${id}-g` }] } } });
    expect(updates.find((e) => e.outcome === 'denied')!.message).toContain('spec.subjects[0].kind');
    expect(byAction('accountquota.create')[0]).toMatchObject({ target: { kind: 'AccountQuota', name: quota, account: acct } });
    expect(bad.stderr).toContain(updates.find((e) => e.outcome === 'denied')!.message!.slice(0, 40));
  });

  it('a write that claims to come from the console is still recorded: a field manager is only what the client says', async () => {
    await eventually(async () => (await kubectl(['get', 'accountquotas.config.kiosk.sh', quota])).code === 0, 'the quota exists');
    await kubectlOk(['patch', 'accountquotas.config.kiosk.sh', quota, '--type=merge', '--field-manager=atrium-console', '-p', '{"metadata":{"labels":{"disguised":"yes"}}}']);
    const events = await eventsWhen({ source: 'api', account: acct, action: 'accountquota.update' }, (e) => e.some((x) => x.summary?.fieldManager === 'atrium-console'), 'the disguised update');
    expect(events.find((x) => x.summary?.fieldManager === 'atrium-console')).toMatchObject({ actor: { username: admin, via: 'api' }, outcome: 'done' });
  });

  it('a space created and deleted with kubectl through tenancy.kiosk.sh is recorded as the person, a refusal too', async () => {
    const spaceYaml = (name: string) => `{"apiVersion": "tenancy.kiosk.sh/v1alpha1", "kind": "Space", "metadata": {"name": "${name}"}, "spec": {"account": "${acct}"}}`;
    await eventually(async () => (await kubectl(['create', '-f', '-', ...as(alice)], spaceYaml(space))).code === 0, 'alice creates her space');
    await kubectlOk(['create', '-f', '-', ...as(alice)], spaceYaml(`${id}-s2`));
    // The account's default space role (admin) does not include deleting the namespace: refused, then the admin does.
    expect((await kubectl(['delete', 'space', `${id}-s2`, ...as(alice)])).code).not.toBe(0);
    await kubectlOk(['delete', 'space', `${id}-s2`, '--wait=false']);

    const events = await eventsWhen({ source: 'api' }, (e) => e.filter((x) => x.action === 'space.delete').length >= 2, 'the space events');
    const done = (user: string) => events.filter((e) => e.action.startsWith('space.') && e.actor.username === user && e.outcome === 'done').map((e) => [e.action, e.target?.name]);
    expect(done(alice).sort()).toEqual([['space.create', space], ['space.create', `${id}-s2`]]);
    expect(done(admin)).toEqual([['space.delete', `${id}-s2`]]);
    expect(events.find((e) => e.action === 'space.delete' && e.outcome === 'denied')).toMatchObject({
      actor: { username: alice }, target: { kind: 'Space', name: `${id}-s2`, account: acct, space: `${id}-s2` },
      message: expect.stringContaining(`User "${alice}" cannot delete resource "namespaces"`),
    });
    expect(events.find((e) => e.action === 'space.create' && e.target?.name === space && e.outcome === 'done')).toMatchObject({
      target: { kind: 'Space', account: acct, space }, actor: { via: 'api', groups: expect.arrayContaining(['system:authenticated']) },
    });
  });
});

describe('the controller\'s own decisions', () => {
  it('a template applied, and one that failed, are recorded as the controller\'s', async () => {
    await apply(`{"apiVersion": "config.kiosk.sh/v1alpha1", "kind": "Template", "metadata": {"name": "${template}"},
      "resources": {"manifests": [{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "from-template"}, "data": {"a": "b"}}]}}`);
    await apply(`{"apiVersion": "config.kiosk.sh/v1alpha1", "kind": "Template", "metadata": {"name": "${template}-bad"},
      "resources": {"manifests": [{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "bad"}, "data": "not a map"}]}}`);
    for (const t of [template, `${template}-bad`]) {
      await apply(`{"apiVersion": "config.kiosk.sh/v1alpha1", "kind": "TemplateInstance", "metadata": {"name": "${t}", "namespace": "${space}"}, "spec": {"template": "${t}"}}`);
    }
    const events = await eventsWhen({ source: 'controller', space }, (e) => e.some((x) => x.action === 'template.applied') && e.some((x) => x.action === 'template.failed'), 'the template outcomes', 60_000);
    expect(events.find((e) => e.action === 'template.applied')).toMatchObject({
      outcome: 'done', actor: { via: 'controller', username: expect.stringMatching(/atrium-controller$/) },
      target: { kind: 'TemplateInstance', name: template, space, account: acct }, summary: { template, status: 'Deployed' },
    });
    expect(events.find((e) => e.action === 'template.failed')).toMatchObject({ outcome: 'failed', target: { name: `${template}-bad` }, message: expect.any(String) });
    // The instances themselves were created through the API, by the admin.
    expect((await store.listAuditEvents({ action: 'templateinstance.create', space })).events.map((e) => e.actor.username)).toEqual([admin, admin]);
  });

  it('deleting an account that opted in to the cascade records each space it took with it, as the controller\'s', async () => {
    const doomed = `${id}-casc`;
    await apply(`{"apiVersion": "config.kiosk.sh/v1alpha1", "kind": "Account", "metadata": {"name": "${doomed}"},
      "spec": {"space": {"deleteSpacesOnAccountDeletion": true}, "subjects": [{"kind": "User", "name": "${alice}", "apiGroup": "rbac.authorization.k8s.io"}]}}`);
    const spaces = [`${doomed}-1`, `${doomed}-2`];
    for (const s of spaces) {
      await eventually(async () => (await kubectl(['create', '-f', '-', ...as(alice)],
        `{"apiVersion": "tenancy.kiosk.sh/v1alpha1", "kind": "Space", "metadata": {"name": "${s}"}, "spec": {"account": "${doomed}"}}`)).code === 0, `alice creates ${s}`);
    }
    await kubectlOk(['delete', 'accounts.config.kiosk.sh', doomed, '--wait=false']);
    const events = await eventsWhen({ source: 'controller', account: doomed, action: 'account.cascade-delete' }, (e) => e.length >= 2, 'the cascade', 60_000);
    expect(events.map((e) => e.target?.space).sort()).toEqual(spaces);
    expect(events.every((e) => e.outcome === 'done' && e.actor.via === 'controller')).toBe(true);
    // The deletion that started it is recorded too, as the admin's.
    expect((await store.listAuditEvents({ source: 'api', action: 'account.delete', account: doomed })).events.map((e) => e.actor.username)).toEqual([admin]);
  });

  it('records the AccountQuota usage over time, per space and in total', async () => {
    await kubectlOk(['create', 'configmap', 'one', '-n', space]);
    await kubectlOk(['create', 'configmap', 'two', '-n', space]);
    const expected = Number(await kubectlOk(['get', 'configmaps', '-n', space, '--no-headers', '-o', 'name']).then((o) => o.trim().split('\n').length));
    const series = await eventually(async () => {
      const s = await store.usageSeries(quota, 'count/configmaps', new Date(Date.now() - 600_000));
      return s.filter((p) => p.space === space).at(-1)?.used === expected ? s : undefined;
    }, 'a usage sample with every configmap of the space', 45_000);
    // One sample time: the total and every space of the account, the total being their sum, with the limit.
    const last = series.filter((p) => p.space === space).at(-1)!;
    const sameTime = series.filter((p) => p.at.getTime() === last.at.getTime());
    const total = sameTime.find((p) => p.space === null)!;
    expect(total).toMatchObject({ hard: 10 });
    expect(total.used).toBe(sameTime.filter((p) => p.space !== null).reduce((n, p) => n + p.used, 0));
    expect(last.hard).toBeNull();
  });

  it('AccountQuota denials are recorded as one count per account, resource and minute', async () => {
    for (let i = 0; i < 3; i++) {
      const r = await kubectl(['create', 'service', 'clusterip', `svc-${i}`, '--tcp=80:80', '-n', space]);
      expect(r.stderr).toContain('exceeded quota');
    }
    // Counted for the minute the denials happened in, written when that minute is over.
    const events = await eventsWhen({ action: 'accountquota.denied', account: acct }, (e) => e.reduce((n, x) => n + Number(x.summary?.count ?? 0), 0) >= 3, 'the denial counts', 100_000);
    expect(events[0]).toMatchObject({ source: 'controller', outcome: 'denied', target: { kind: 'AccountQuota', account: acct }, summary: { resource: 'services' }, message: expect.stringContaining('exceeded quota') });
  }, 150_000);
});
