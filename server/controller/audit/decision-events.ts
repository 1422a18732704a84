import { randomUUID } from 'node:crypto';
import type { AccountObject, NamespaceObject, TemplateInstanceObject, TemplateInstanceStatus } from '@/server/kube';
import { controllerAudit } from './controller-audit';

// The controller's decisions that changed the cluster, as audit events (source 'controller'). Request ids are derived
// from what was written where that is unique, so a decision recorded twice (a restart) makes one row.

/** A TemplateInstance's status was written: Deployed (template applied) or Failed. */
export function recordTemplateOutcome(instance: TemplateInstanceObject, status: TemplateInstanceStatus, written: TemplateInstanceObject | undefined, account: string | undefined): void {
  const audit = controllerAudit();
  if (!audit.enabled) return;
  const failed = status.status === 'Failed';
  const version = written?.metadata.resourceVersion ?? randomUUID();
  audit.record({
    requestId: `templateinstance:${instance.metadata.uid}:${version}`,
    source: 'controller',
    actor: audit.actor,
    action: failed ? 'template.failed' : 'template.applied',
    target: { kind: 'TemplateInstance', name: instance.metadata.name, space: instance.metadata.namespace, ...(account ? { account } : {}) },
    summary: { template: instance.spec.template, status: status.status, ...(status.reason ? { reason: status.reason } : {}), templateResourceVersion: status.templateResourceVersion },
    outcome: failed ? 'failed' : 'done',
    ...(status.message ? { message: status.message } : {}),
  });
}

/** The controller gave an account's subjects access to a space it had not bound yet (a namespace labelled into it). */
export function recordSpaceBound(ns: NamespaceObject, account: AccountObject): void {
  const audit = controllerAudit();
  if (!audit.enabled) return;
  audit.record({
    requestId: `space-bound:${ns.metadata.uid}:${randomUUID()}`,
    source: 'controller',
    actor: audit.actor,
    action: 'space.bound',
    target: { kind: 'Space', name: ns.metadata.name, account: account.metadata.name, space: ns.metadata.name },
    summary: { clusterRole: account.spec?.space?.clusterRole ?? 'admin', subjects: account.spec?.subjects ?? [] },
    outcome: 'done',
  });
}

/** A space deleted because its account was deleted with deleteSpacesOnAccountDeletion. */
export function recordAccountCascade(account: AccountObject, ns: NamespaceObject, error?: unknown): void {
  const audit = controllerAudit();
  if (!audit.enabled) return;
  audit.record({
    requestId: `account-cascade:${account.metadata.uid}:${ns.metadata.uid}${error ? `:${randomUUID()}` : ''}`,
    source: 'controller',
    actor: audit.actor,
    action: 'account.cascade-delete',
    target: { kind: 'Space', name: ns.metadata.name, account: account.metadata.name, space: ns.metadata.name },
    summary: { reason: 'the account was deleted with spec.space.deleteSpacesOnAccountDeletion' },
    outcome: error ? 'failed' : 'done',
    ...(error ? { message: error instanceof Error ? error.message : String(error) } : {}),
  });
}
