import { describe, expect, it } from 'vitest';
import type { JsonObject } from '@/server/tenancy';
import { MAX_RULE_CHECKS, checkAuthorRights } from './check-author-rights';
import type { PlannedObject } from './plan-template-objects';

// The authorizer is passed in: these tests decide what the author holds and check which questions are asked.
type Attrs = Parameters<NonNullable<Parameters<typeof checkAuthorRights>[3]>>[0];
const key = (a: Attrs) => ('resource' in a ? `${a.resource.verb} ${a.resource.group}/${a.resource.resource}${a.resource.subresource ? `/${a.resource.subresource}` : ''}${a.resource.name ? ` ${a.resource.name}` : ''}` : `${a.nonResource.verb} ${a.nonResource.path}`);
const holding = (granted: string[]) => {
  const asked: string[] = [];
  return { asked, review: async (a: Attrs) => { asked.push(key(a)); return { allowed: granted.some((g) => key(a) === g || (g.endsWith('*') && key(a).startsWith(g.slice(0, -1)))) }; } };
};
const planned = (kind: string, group: string, plural: string, extra: JsonObject = {}): PlannedObject => ({
  label: `manifests[0] (${kind} x)`, key: `${kind}/x`, ref: { group, version: 'v1', plural, namespaced: true },
  applied: { apiVersion: group ? `${group}/v1` : 'v1', kind, metadata: { name: 'x', namespace: 'ns' }, ...extra }, awaitsCrd: false,
});
const author = { username: 'dev', groups: ['system:authenticated'] };
const rbac = 'rbac.authorization.k8s.io';

describe('checkAuthorRights', () => {
  it('lets through what the author may create and update', async () => {
    const h = holding(['create /configmaps*', 'update /configmaps*']);
    expect(await checkAuthorRights([planned('ConfigMap', '', 'configmaps')], author, 'ns', h.review)).toEqual({ ok: true });
    expect(h.asked).toEqual(['create /configmaps x', 'update /configmaps x']);
  });

  it('refuses what the admin role may not change, naming the object and the permission', async () => {
    const h = holding(['create /configmaps*']);
    const r = await checkAuthorRights([planned('ResourceQuota', '', 'resourcequotas')], author, 'ns', h.review);
    expect(r).toEqual({ ok: false, failure: { reason: 'Forbidden', message: expect.stringContaining('manifests[0] (ResourceQuota x): the author of this TemplateInstance (dev) may not create resourcequotas in namespace ns') } });
  });

  it('a RoleBinding needs bind on its role', async () => {
    const rb = planned('RoleBinding', rbac, 'rolebindings', { roleRef: { apiGroup: rbac, kind: 'Role', name: 'r' } });
    const allowed = holding([`create ${rbac}/rolebindings*`, `update ${rbac}/rolebindings*`, `bind ${rbac}/roles r`]);
    expect(await checkAuthorRights([rb], author, 'ns', allowed.review)).toEqual({ ok: true });
  });

  it('a Role needs escalate or every permission it grants', async () => {
    const role = planned('Role', rbac, 'roles', { rules: [{ apiGroups: [''], resources: ['secrets', 'pods/exec'], verbs: ['get'] }] });
    const base = [`create ${rbac}/roles*`, `update ${rbac}/roles*`];
    expect(await checkAuthorRights([role], author, 'ns', holding([...base, 'get /secrets', 'get /pods/exec']).review)).toEqual({ ok: true });
    const r = await checkAuthorRights([role], author, 'ns', holding([...base, 'get /secrets']).review);
    expect(r.ok ? '' : r.failure.message).toContain('may not grant what this Role grants (get pods/exec)');
    expect(await checkAuthorRights([role], author, 'ns', holding([...base, `escalate ${rbac}/roles x`]).review)).toEqual({ ok: true });
  });

  it('does not expand a huge role one permission at a time', async () => {
    const verbs = Array.from({ length: MAX_RULE_CHECKS + 1 }, (_, i) => `v${i}`);
    const role = planned('Role', rbac, 'roles', { rules: [{ apiGroups: [''], resources: ['pods'], verbs }] });
    const r = await checkAuthorRights([role], author, 'ns', holding([`create ${rbac}/roles*`, `update ${rbac}/roles*`]).review);
    expect(r.ok ? '' : r.failure.message).toContain(`${MAX_RULE_CHECKS + 1} permissions, more than the ${MAX_RULE_CHECKS}`);
  });
});
