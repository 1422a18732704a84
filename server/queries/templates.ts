import 'server-only';
import type { Caller } from '@/server/auth/session';
import { toYamlDocument } from '@/server/controller/templates/parse-yaml-documents';
import { KubeApiError, R, describeKubeError, resourceClient, templates, templateInstances, type AccountObject, type TemplateInstanceObject, type TemplateObject } from '@/server/kube';
import type { JsonValue, TemplateParameter } from '@/server/tenancy';

const configAccounts = resourceClient<AccountObject>(R.accounts);

export interface TemplateInstanceView {
  namespace: string;
  name: string;
  status: 'Deployed' | 'Failed' | 'Pending';
  reason?: string;
  message?: string;
  sync: boolean;
  /** The instance deployed an older version of the Template (only re-applied when sync is on). */
  outdated: boolean;
}

export interface MandatoryUse {
  account: string;
  parameters: { name: string; value: string }[];
  sync: boolean;
}

export interface TemplateRow {
  name: string;
  kind: 'manifests' | 'helm' | 'both' | 'empty';
  manifests: number;
  parameters: number;
  instances: { deployed: number; failed: number; pending: number };
  mandatoryIn: string[];
  createdAt?: string;
}

type Failure = { ok: false; forbidden: boolean; message: string };
/** A part of a page the person may not read (or that failed) says so on its own; the rest still shows. */
export type Part<T> = { ok: true; value: T } | { ok: false; message: string };

function kindOf(t: TemplateObject): TemplateRow['kind'] {
  const m = t.resources?.manifests?.length ?? 0;
  const h = !!t.resources?.helm;
  return m && h ? 'both' : h ? 'helm' : m ? 'manifests' : 'empty';
}

function instanceView(ti: TemplateInstanceObject, template?: TemplateObject): TemplateInstanceView {
  const s = ti.status?.status;
  return {
    namespace: ti.metadata.namespace ?? '',
    name: ti.metadata.name ?? '',
    status: s === 'Deployed' || s === 'Failed' ? s : 'Pending',
    reason: ti.status?.reason || undefined,
    message: ti.status?.message || undefined,
    sync: !!ti.spec.sync,
    outdated: !!template && !!ti.status?.templateResourceVersion && ti.status.templateResourceVersion !== template.metadata.resourceVersion,
  };
}

function mandatoryUses(accounts: AccountObject[], template: string): MandatoryUse[] {
  const out: MandatoryUse[] = [];
  for (const a of accounts) {
    for (const ti of a.spec?.space?.templateInstances ?? []) {
      if (ti.spec?.template !== template) continue;
      out.push({ account: a.metadata.name ?? '', parameters: ti.spec.parameters ?? [], sync: !!ti.spec.sync });
    }
  }
  return out.sort((x, y) => x.account.localeCompare(y.account));
}

async function part<T>(read: () => Promise<T>): Promise<Part<T>> {
  try {
    return { ok: true, value: await read() };
  } catch (err) {
    if (err instanceof KubeApiError) return { ok: false, message: describeKubeError(err) };
    throw err;
  }
}

export type TemplateList = { ok: true; rows: TemplateRow[]; instancesError?: string; accountsError?: string; /** epoch ms, for ages */ readAt: number } | Failure;

/**
 * The Templates page, read as the person in three parallel requests: Templates, every TemplateInstance, every
 * Account (which templates are mandatory where). A tenant gets the cluster's Forbidden and sees no template.
 */
export async function listTemplates(caller: Caller): Promise<TemplateList> {
  const [list, instances, accounts] = await Promise.all([
    templates.list({ as: caller.as }).catch((err: unknown) => err),
    part(() => templateInstances.list({ as: caller.as })),
    part(() => configAccounts.list({ as: caller.as })),
  ]);
  if (list instanceof KubeApiError) return { ok: false, forbidden: list.code === 403, message: describeKubeError(list) };
  if (list instanceof Error) throw list;
  const items = (list as { items: TemplateObject[] }).items;
  const rows = items.map((t): TemplateRow => {
    const name = t.metadata.name ?? '';
    const mine = instances.ok ? instances.value.items.filter((ti) => ti.spec.template === name).map((ti) => instanceView(ti)) : [];
    return {
      name,
      kind: kindOf(t),
      manifests: t.resources?.manifests?.length ?? 0,
      parameters: t.parameters?.length ?? 0,
      instances: { deployed: mine.filter((i) => i.status === 'Deployed').length, failed: mine.filter((i) => i.status === 'Failed').length, pending: mine.filter((i) => i.status === 'Pending').length },
      mandatoryIn: accounts.ok ? [...new Set(mandatoryUses(accounts.value.items, name).map((u) => u.account))] : [],
      createdAt: t.metadata.creationTimestamp,
    };
  });
  rows.sort((a, b) => a.name.localeCompare(b.name));
  return { ok: true, rows, readAt: Date.now(), instancesError: instances.ok ? undefined : instances.message, accountsError: accounts.ok ? undefined : accounts.message };
}

/**
 * The Template as the editor shows it: what an admin writes (apiVersion, kind, name, labels, annotations,
 * parameters, resources), not what the API server adds (uid, managedFields, resourceVersion: that one travels
 * beside the text and makes a save conditional).
 */
export function templateYaml(t: TemplateObject): string {
  const meta: Record<string, JsonValue> = { name: t.metadata.name ?? '' };
  if (t.metadata.labels && Object.keys(t.metadata.labels).length) meta.labels = t.metadata.labels;
  const annotations = Object.fromEntries(Object.entries(t.metadata.annotations ?? {}).filter(([k]) => k !== 'kubectl.kubernetes.io/last-applied-configuration'));
  if (Object.keys(annotations).length) meta.annotations = annotations;
  const doc: Record<string, JsonValue> = { apiVersion: 'config.kiosk.sh/v1alpha1', kind: 'Template', metadata: meta };
  if (t.parameters) doc.parameters = t.parameters as unknown as JsonValue;
  if (t.resources) doc.resources = { ...t.resources, ...(t.resources.manifests ? { manifests: t.resources.manifests.map(conventionalOrder) } : {}) } as unknown as JsonValue;
  return toYamlDocument(doc);
}

/** The API server stores manifests with sorted keys; show apiVersion, kind and metadata first, as people write them. */
function conventionalOrder(m: unknown): unknown {
  if (!m || typeof m !== 'object' || Array.isArray(m)) return m;
  const { apiVersion, kind, metadata, ...rest } = m as Record<string, unknown>;
  return { ...(apiVersion !== undefined ? { apiVersion } : {}), ...(kind !== undefined ? { kind } : {}), ...(metadata !== undefined ? { metadata } : {}), ...rest };
}

export interface TemplateDetail {
  name: string;
  yaml: string;
  resourceVersion: string;
  parameters: TemplateParameter[];
  hasHelm: boolean;
  createdAt?: string;
  instances: Part<TemplateInstanceView[]>;
  mandatory: Part<MandatoryUse[]>;
  /** Accounts to preview for (names); empty when the person may not list them. */
  accounts: string[];
}

export type TemplateDetailResult = ({ ok: true } & TemplateDetail) | Failure | { ok: false; notFound: true; message: string; forbidden: false };

/** One Template with its instances across spaces and the accounts that make it mandatory, read as the person. */
export async function getTemplate(caller: Caller, name: string): Promise<TemplateDetailResult> {
  const [t, instances, accounts] = await Promise.all([
    templates.get(name, undefined, caller.as).catch((err: unknown) => err),
    part(() => templateInstances.list({ as: caller.as })),
    part(() => configAccounts.list({ as: caller.as })),
  ]);
  if (t instanceof KubeApiError) return { ok: false, forbidden: t.code === 403, message: describeKubeError(t) };
  if (t instanceof Error) throw t;
  if (!t) return { ok: false, notFound: true, forbidden: false, message: `templates.config.kiosk.sh "${name}" not found` };
  const template = t as TemplateObject;
  return {
    ok: true,
    name,
    yaml: templateYaml(template),
    resourceVersion: template.metadata.resourceVersion ?? '',
    parameters: template.parameters ?? [],
    hasHelm: !!template.resources?.helm,
    createdAt: template.metadata.creationTimestamp,
    instances: instances.ok
      ? { ok: true, value: instances.value.items.filter((ti) => ti.spec.template === name).map((ti) => instanceView(ti, template)).sort((a, b) => a.namespace.localeCompare(b.namespace)) }
      : instances,
    mandatory: accounts.ok ? { ok: true, value: mandatoryUses(accounts.value.items, name) } : accounts,
    accounts: accounts.ok ? accounts.value.items.map((a) => a.metadata.name ?? '').sort() : [],
  };
}

export type NewTemplateContext = { ok: true; accounts: string[] } | Failure;

/**
 * What the new-template page needs, read as the person: whether they may list Templates at all (a tenant gets
 * the cluster's Forbidden, not an editor) and the accounts to preview for.
 */
export async function newTemplateContext(caller: Caller): Promise<NewTemplateContext> {
  const [list, accounts] = await Promise.all([
    templates.list({ as: caller.as }).catch((err: unknown) => err),
    part(() => configAccounts.list({ as: caller.as })),
  ]);
  if (list instanceof KubeApiError) return { ok: false, forbidden: list.code === 403, message: describeKubeError(list) };
  if (list instanceof Error) throw list;
  return { ok: true, accounts: accounts.ok ? accounts.value.items.map((a) => a.metadata.name ?? '').sort() : [] };
}
