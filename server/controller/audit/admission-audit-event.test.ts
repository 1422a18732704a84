import { describe, expect, it } from 'vitest';
import type { AdmissionRequest } from '../webhooks/admission-review';
import { admissionAuditEvent } from './admission-audit-event';

const opts = { controllerUser: 'system:serviceaccount:kiosk:atrium-controller', accountOfNamespace: (ns: string) => (ns === 'a-dev' ? 'team-a' : undefined) };
const req = (over: Partial<AdmissionRequest> & Record<string, unknown>): AdmissionRequest => ({
  uid: 'u1', kind: { group: 'config.kiosk.sh', version: 'v1alpha1', kind: 'Account' }, resource: { group: 'config.kiosk.sh', version: 'v1alpha1', resource: 'accounts' },
  operation: 'CREATE', userInfo: { username: 'kubernetes-admin', groups: ['system:masters'] }, name: 'team-a',
  object: { apiVersion: 'config.kiosk.sh/v1alpha1', kind: 'Account', metadata: { name: 'team-a', labels: { env: 'x' } }, spec: { subjects: [{ kind: 'User', name: 'dev' }] } },
  ...over,
} as AdmissionRequest);

describe('admissionAuditEvent', () => {
  it('records a kubectl create of an Account as source api, with what was asked for', () => {
    expect(admissionAuditEvent(req({}), undefined, opts)).toEqual({
      requestId: 'admission:u1', source: 'api', actor: { username: 'kubernetes-admin', groups: ['system:masters'], via: 'api' },
      action: 'account.create', target: { kind: 'Account', name: 'team-a', account: 'team-a' },
      summary: { object: { spec: { subjects: [{ kind: 'User', name: 'dev' }] } }, labels: { env: 'x' } }, outcome: 'done',
    });
  });

  it('records a denial with the webhook\'s message', () => {
    expect(admissionAuditEvent(req({}), { message: 'spec.subjects[0].kind: …' }, opts)).toMatchObject({ outcome: 'denied', message: 'spec.subjects[0].kind: …' });
  });

  it.each([
    ['AccountQuota', { spec: { account: 'team-b', quota: { hard: { pods: '3' } } } }, undefined, { kind: 'AccountQuota', name: 'x', account: 'team-b' }],
    ['Template', { resources: { manifests: [] } }, undefined, { kind: 'Template', name: 'x' }],
    ['TemplateInstance', { spec: { template: 't' } }, 'a-dev', { kind: 'TemplateInstance', name: 'x', account: 'team-a', space: 'a-dev' }],
  ])('names the account of a %s', (kind, body, namespace, target) => {
    const e = admissionAuditEvent(req({ kind: { group: 'config.kiosk.sh', version: 'v1alpha1', kind }, name: 'x', namespace, object: { metadata: { name: 'x' }, ...body } }), undefined, opts);
    expect(e?.target).toEqual(target);
    expect(e?.action).toBe(`${kind.toLowerCase()}.create`);
  });

  it('takes a deleted object from oldObject and records no content', () => {
    const e = admissionAuditEvent(req({ kind: { group: 'config.kiosk.sh', version: 'v1alpha1', kind: 'AccountQuota' }, operation: 'DELETE', name: 'q', object: null, oldObject: { metadata: { name: 'q' }, spec: { account: 'team-c' } } }), undefined, opts);
    expect(e).toMatchObject({ action: 'accountquota.delete', target: { kind: 'AccountQuota', name: 'q', account: 'team-c' }, summary: {} });
  });

  it('records a write that says it comes from the console, naming the field manager (anyone can send one)', () => {
    const e = admissionAuditEvent(req({ options: { fieldManager: 'atrium-console' } } as Partial<AdmissionRequest>), undefined, opts);
    expect(e?.summary).toMatchObject({ fieldManager: 'atrium-console' });
    expect(e?.source).toBe('api');
  });

  it.each([
    ['a dry run', { dryRun: true }],
    ['the controller itself', { userInfo: { username: 'system:serviceaccount:kiosk:atrium-controller' } }],
    ['the garbage collector', { userInfo: { username: 'system:serviceaccount:kube-system:generic-garbage-collector' } }],
    ['another API group', { kind: { group: 'apps', version: 'v1', kind: 'Deployment' } }],
  ])('records nothing for %s', (_, over) => {
    expect(admissionAuditEvent(req(over as Partial<AdmissionRequest>), undefined, opts)).toBeUndefined();
  });
});
