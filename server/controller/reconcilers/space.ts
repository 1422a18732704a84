import { namespaces, type AccountObject, type NamespaceObject } from '@/server/kube';
import { createTemplateInstances, mandatoryTemplateInstances } from '@/server/use-cases/mandatory-template-instances';
import { ensureSpaceRoleBinding, spaceRoleBindingInSync } from '@/server/use-cases/space-role-binding';
import { ACCOUNT_LABEL, INITIALIZING_ANNOTATION } from '@/server/tenancy';
import { recordSpaceBound } from '../audit/decision-events';
import type { Caches } from '../caches';
import type { ReconcileResult } from '../runtime/controller';

/** How long createSpace may own a new space before the reconciler adopts it anyway (its creator may have died). */
export const INITIALIZING_GRACE_MS = 120_000;

/**
 * Makes one space match its account, however the namespace got its label:
 * spaceTemplate labels and annotations, the RoleBinding of the account's
 * subjects to space.clusterRole, and the account's mandatory TemplateInstances.
 */
export async function reconcileSpace(c: Caches, name: string): Promise<ReconcileResult> {
  const ns = c.namespaces.get(name);
  const accountName = ns?.metadata.labels?.[ACCOUNT_LABEL];
  if (!ns || !accountName || ns.metadata.deletionTimestamp) return;
  const account = c.accounts.get(accountName);
  if (!account) return; // an orphaned space: nothing to reconcile against
  const initializing = ns.metadata.annotations?.[INITIALIZING_ANNOTATION];
  if (initializing !== undefined) {
    const age = Date.now() - Date.parse(ns.metadata.creationTimestamp ?? '');
    if (age < INITIALIZING_GRACE_MS) return { requeueAfterMs: INITIALIZING_GRACE_MS - age };
  }
  await ensureSpaceMetadata(ns, account, initializing !== undefined);
  // A full pass after a restart visits every space: those already bound cost no request, so changed ones are not queued behind them.
  if (!spaceRoleBindingInSync(c.spaceRoleBindings.list(name), account) && (await ensureSpaceRoleBinding(name, account)) === 'created') {
    recordSpaceBound(ns, account);
  }
  await ensureTemplateInstances(c, ns, account);
}

async function ensureSpaceMetadata(ns: NamespaceObject, account: AccountObject, dropInitializing: boolean) {
  const forced = account.spec?.space?.spaceTemplate?.metadata ?? {};
  const labels = { ...forced.labels, [ACCOUNT_LABEL]: account.metadata.name! };
  const annotations: Record<string, string | null> = { ...forced.annotations };
  const missingLabel = Object.entries(labels).some(([k, v]) => ns.metadata.labels?.[k] !== v);
  const missingAnnotation = Object.entries(annotations).some(([k, v]) => ns.metadata.annotations?.[k] !== v);
  if (dropInitializing) annotations[INITIALIZING_ANNOTATION] = null;
  if (missingLabel || missingAnnotation || dropInitializing) {
    await namespaces.patch(ns.metadata.name!, { metadata: { labels, annotations } });
  }
}

/** Mandatory templates missing from the space are instantiated; existing instances are left to their own reconciler. */
async function ensureTemplateInstances(c: Caches, ns: NamespaceObject, account: AccountObject): Promise<void> {
  const missing = mandatoryTemplateInstances(account, ns.metadata.name!).filter((ti) => !c.templateInstances.get(ti.metadata.name!, ns.metadata.name));
  await createTemplateInstances(missing);
}
