import type { AccountObject, KubeObject, NamespaceObject } from '@/server/kube';
import { ACCOUNT_LABEL } from '@/server/tenancy';
import { GROUP_VERSION, invalid } from './status-errors';

/** tenancy.kiosk.sh/v1alpha1 Space: a view of a Namespace. */
export interface Space extends KubeObject {
  spec?: { account?: string; finalizers?: string[] };
  status?: { phase?: string };
}

/** tenancy.kiosk.sh/v1alpha1 Account: the config.kiosk.sh Account under another apiVersion. */
export type TenancyAccount = AccountObject;

type Fields = Record<string, unknown>;
type ManagedFieldsEntry = { apiVersion?: string; fieldsV1?: Fields; [k: string]: unknown };

function splitAccount(labels: Record<string, string> | undefined): { account?: string; rest: Record<string, string> } {
  const { [ACCOUNT_LABEL]: account, ...rest } = labels ?? {};
  return { account, rest };
}

/**
 * managedFields of the Namespace, re-expressed for the Space: ownership of the
 * `kiosk.sh/account` label becomes ownership of `spec.account` (every other
 * path — metadata, spec.finalizers, status.phase — is the same in both kinds).
 */
export function spaceManagedFields(entries: readonly ManagedFieldsEntry[]): ManagedFieldsEntry[] {
  return entries.map((e) => {
    const fields = structuredClone(e.fieldsV1 ?? {}) as Fields;
    const meta = fields['f:metadata'] as Fields | undefined;
    const labels = meta?.['f:labels'] as Fields | undefined;
    const key = `f:${ACCOUNT_LABEL}`;
    if (labels && key in labels) {
      delete labels[key];
      if (Object.keys(labels).length === 0) delete meta!['f:labels'];
      if (Object.keys(meta!).length === 0) delete fields['f:metadata'];
      const spec = (fields['f:spec'] ??= {}) as Fields;
      spec['f:account'] = {};
    }
    return { ...e, apiVersion: GROUP_VERSION, fieldsV1: fields };
  });
}

/**
 * A Space as Kiosk showed it: the Namespace's metadata without the
 * `kiosk.sh/account` label, `spec.account` from that label, `spec.finalizers`
 * from the namespace spec and `status.phase`.
 */
export function namespaceToSpace(ns: NamespaceObject): Space {
  const { labels, managedFields, ...meta } = ns.metadata;
  const { account, rest } = splitAccount(labels);
  const finalizers = (ns.spec as { finalizers?: string[] } | undefined)?.finalizers;
  return {
    apiVersion: GROUP_VERSION,
    kind: 'Space',
    metadata: {
      ...meta,
      ...(Object.keys(rest).length ? { labels: rest } : {}),
      ...(Array.isArray(managedFields) ? { managedFields: spaceManagedFields(managedFields as ManagedFieldsEntry[]) } : {}),
    },
    spec: { ...(account ? { account } : {}), ...(finalizers?.length ? { finalizers } : {}) },
    status: ns.status?.phase ? { phase: ns.status.phase } : {},
  };
}

/** spec.account cannot move a space to another account: the account's quota, bindings and templates are its own. */
export function checkAccountUnchanged(space: Space, current: NamespaceObject): void {
  const before = current.metadata.labels?.[ACCOUNT_LABEL] ?? '';
  const after = space.spec?.account ?? '';
  if (before !== after) {
    throw invalid('Space', current.metadata.name ?? '', [{ field: 'spec.account', message: `Invalid value: "${after}": field is immutable`, reason: 'FieldValueInvalid' }]);
  }
}

/** Labels the namespace should have for a space's labels: the account label is kept as it is. */
function namespaceLabels(spaceLabels: Record<string, string> | undefined, current: NamespaceObject): Record<string, string> {
  const account = current.metadata.labels?.[ACCOUNT_LABEL];
  return { ...splitAccount(spaceLabels).rest, ...(account ? { [ACCOUNT_LABEL]: account } : {}) };
}

/**
 * The Namespace to PUT for a Space update: the mutable metadata (labels,
 * annotations, finalizers, ownerReferences) from the Space; system fields from
 * the live Namespace; its resourceVersion from the Space (so a stale update
 * conflicts, and one without a resourceVersion is unconditional, as upstream).
 */
export function namespaceForUpdate(space: Space, current: NamespaceObject): NamespaceObject {
  checkAccountUnchanged(space, current);
  const m = space.metadata;
  return {
    ...current,
    metadata: {
      ...current.metadata,
      labels: namespaceLabels(m.labels, current),
      annotations: m.annotations,
      finalizers: m.finalizers,
      ownerReferences: m.ownerReferences,
      resourceVersion: m.resourceVersion,
      managedFields: undefined,
    },
  };
}

function mapDiff(before: Record<string, string> | undefined, after: Record<string, string> | undefined): Record<string, string | null> | undefined {
  const diff: Record<string, string | null> = {};
  for (const k of Object.keys(before ?? {})) if (!after || !(k in after)) diff[k] = null;
  for (const [k, v] of Object.entries(after ?? {})) if (before?.[k] !== v) diff[k] = v;
  return Object.keys(diff).length ? diff : undefined;
}

/**
 * A JSON merge patch that turns the live Namespace into the patched Space,
 * with the live resourceVersion as a precondition. Sent as a PATCH (not a
 * PUT) so the caller needs `patch namespaces`, as they asked to patch.
 */
export function namespacePatchFor(next: Space, current: NamespaceObject): { metadata: Record<string, unknown> } {
  checkAccountUnchanged(next, current);
  const m = next.metadata;
  const metadata: Record<string, unknown> = { resourceVersion: current.metadata.resourceVersion };
  const labels = mapDiff(current.metadata.labels, namespaceLabels(m.labels, current));
  const annotations = mapDiff(current.metadata.annotations, m.annotations);
  if (labels) metadata.labels = labels;
  if (annotations) metadata.annotations = annotations;
  if (JSON.stringify(m.finalizers ?? []) !== JSON.stringify(current.metadata.finalizers ?? [])) metadata.finalizers = m.finalizers ?? null;
  if (JSON.stringify(m.ownerReferences ?? []) !== JSON.stringify(current.metadata.ownerReferences ?? [])) metadata.ownerReferences = m.ownerReferences ?? null;
  return { metadata };
}

/**
 * The Namespace apply configuration for a server-side-applied Space. The
 * account label is never part of it: the applier must not become its owner,
 * or a later apply that omits spec.account would remove the space from its
 * account.
 */
export function namespaceApplyConfig(applied: Space, current: NamespaceObject | undefined): Record<string, unknown> {
  if (current && applied.spec && 'account' in applied.spec) checkAccountUnchanged(applied, current);
  const m = applied.metadata;
  const metadata: Record<string, unknown> = { name: m.name };
  if (m.labels) metadata.labels = splitAccount(m.labels).rest;
  for (const k of ['annotations', 'finalizers', 'ownerReferences'] as const) if (m[k] !== undefined) metadata[k] = m[k];
  return { apiVersion: 'v1', kind: 'Namespace', metadata };
}

/** A config.kiosk.sh Account shown as tenancy.kiosk.sh. */
export function toTenancyAccount(a: AccountObject): TenancyAccount {
  const managedFields = a.metadata.managedFields as ManagedFieldsEntry[] | undefined;
  return {
    ...a,
    apiVersion: GROUP_VERSION,
    kind: 'Account',
    metadata: { ...a.metadata, ...(managedFields ? { managedFields: managedFields.map((e) => ({ ...e, apiVersion: GROUP_VERSION })) } : {}) },
  };
}

/** A tenancy.kiosk.sh Account body, to be stored as the config.kiosk.sh Account it is. */
export function toConfigAccount(a: KubeObject): AccountObject {
  const metadata = { ...a.metadata };
  delete metadata.managedFields;
  return { ...a, apiVersion: 'config.kiosk.sh/v1alpha1', kind: 'Account', metadata };
}
