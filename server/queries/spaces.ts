import 'server-only';
import type { Caller } from '@/server/auth/session';
import { KubeApiError, R, describeKubeError, resourceClient, selfCan, type AccountObject, type KubeObject, type TemplateInstanceObject } from '@/server/kube';
import { ACCOUNT_LABEL, INITIALIZING_ANNOTATION } from '@/server/tenancy';
import { listMyAccounts, toMyAccount, type MyAccount } from './accounts';
import { consolePermissions } from './console-permissions';
import { pageOfSpaces, PAGE_SIZE, type SpaceListQuery, type SpaceRow } from './space-list';
import { toLimitRangeRow, toPodRow, toQuotaRow, toWorkloadRows, type LimitRangeRow, type PodRow, type QuotaRow, type WorkloadRow } from './workload-rows';

/** tenancy.kiosk.sh/v1alpha1 Space as the aggregated API serves it. */
interface SpaceObject extends KubeObject {
  spec?: { account?: string };
  status?: { phase?: string };
}

const spaces = resourceClient<SpaceObject>(R.spaces);
const tenancyAccounts = resourceClient<AccountObject>(R.tenancyAccounts);
const templateInstances = resourceClient<TemplateInstanceObject>(R.templateInstances);
const pods = resourceClient(R.pods);
const deployments = resourceClient(R.deployments);
const statefulSets = resourceClient(R.statefulSets);
const jobs = resourceClient(R.jobs);
const resourceQuotas = resourceClient(R.resourceQuotas);
const limitRanges = resourceClient(R.limitRanges);

function toRow(s: SpaceObject): SpaceRow {
  return {
    name: s.metadata.name ?? '',
    account: s.spec?.account ?? s.metadata.labels?.[ACCOUNT_LABEL],
    phase: s.status?.phase ?? 'Active',
    createdAt: s.metadata.creationTimestamp,
    initializing: s.metadata.annotations?.[INITIALIZING_ANNOTATION] === 'true',
  };
}

export type MySpaces =
  | {
      ok: true;
      rows: SpaceRow[];
      /** Spaces matching the search, over all pages. */
      total: number;
      /** Every space the person can see, before the search. */
      visible: number;
      page: number;
      pageSize: number;
      accounts: MyAccount[];
      canCreate: boolean;
      /** When it was read (epoch ms): ages are computed from this, the same on server and browser. */
      readAt: number;
    }
  | { ok: false; message: string; forbidden: boolean };

/**
 * The My spaces page: every space the person may see, listed as that person through tenancy.kiosk.sh (the same
 * filtered list `kubectl get spaces` gives), searched and paged here. Three Kubernetes requests, in parallel:
 * spaces, accounts (for the space count against each limit) and whether the person may create spaces.
 */
export async function listMySpaces(caller: Caller, query: SpaceListQuery): Promise<MySpaces> {
  const [list, accounts, [canCreate]] = await Promise.all([
    spaces.list({ as: caller.as }).catch((err: unknown) => err),
    listMyAccounts(caller).catch((err: unknown) => (err instanceof KubeApiError && err.code === 403 ? [] : Promise.reject(err))),
    consolePermissions(caller).then((p) => [p.createSpaces]),
  ]);
  if (list instanceof KubeApiError) return { ok: false, message: describeKubeError(list), forbidden: list.code === 403 };
  if (list instanceof Error) throw list;
  const all = (list as { items: SpaceObject[] }).items.map(toRow);
  const page = pageOfSpaces(all, query, PAGE_SIZE);
  return { ok: true, rows: page.rows, total: page.total, visible: all.length, page: page.page, pageSize: PAGE_SIZE, accounts, canCreate: !!canCreate, readAt: Date.now() };
}

export interface TemplateInstanceRow {
  name: string;
  template: string;
  /**
   * Deployed, Failed, or Pending while the controller has not reported yet. Applied: a required template of the
   * account, shown from the account when the person's role cannot read TemplateInstances — the space only became
   * usable once it had deployed.
   */
  status: 'Deployed' | 'Failed' | 'Pending' | 'Applied';
  reason?: string;
  message?: string;
  mandatory: boolean;
}

/** A section of the space page: its rows, or why the person cannot see them (each section fails on its own). */
export type Section<T> = { items: T[]; error?: undefined; note?: string } | { items?: undefined; error: string };

export interface SpaceDetail {
  name: string;
  account?: string;
  phase: string;
  initializing: boolean;
  createdAt?: string;
  labels: Record<string, string>;
  accountInfo?: MyAccount;
  templates: Section<TemplateInstanceRow>;
  workloads: Section<WorkloadRow>;
  pods: Section<PodRow>;
  quotas: Section<QuotaRow>;
  limitRanges: Section<LimitRangeRow>;
  /** Whether RBAC lets the person delete this space (a hint for the button; the request is the check). */
  canDelete: boolean;
  /** When it was read (epoch ms), for ages. */
  readAt: number;
}

/** Reads one section as the person; a Kubernetes refusal becomes that section's message, not the page's failure. */
async function section<T>(read: () => Promise<T[]>): Promise<Section<T>> {
  try {
    return { items: await read() };
  } catch (err) {
    if (err instanceof KubeApiError) return { error: describeKubeError(err) };
    throw err;
  }
}

export function toTemplateInstanceRow(ti: TemplateInstanceObject, mandatory: ReadonlySet<string>): TemplateInstanceRow {
  const s = ti.status?.status;
  return {
    name: ti.metadata.name ?? '',
    template: ti.spec?.template ?? '',
    status: s === 'Deployed' || s === 'Failed' ? s : 'Pending',
    reason: ti.status?.reason || undefined,
    message: ti.status?.message || undefined,
    mandatory: mandatory.has(ti.metadata.name ?? ''),
  };
}

/**
 * Tenants' roles often do not include reading TemplateInstances. The account (which they may read) still says which
 * templates every space of it got, and a space is only handed to its members once those deployed.
 */
function requiredTemplatesOf(account: MyAccount): Section<TemplateInstanceRow> {
  return {
    items: account.mandatoryTemplates.map((t) => ({ name: t.name, template: t.template, status: 'Applied', mandatory: true })),
    note: 'Your role in this space cannot read TemplateInstances, so these come from the account and show no live status.',
  };
}

const withKind = (kind: string) => (list: { items: KubeObject[] }) => list.items.map((o) => ({ ...o, kind }));

/**
 * Everything the space page shows, read as the person: the space itself (undefined when they may not see it, so
 * a hidden space looks exactly like a missing one), its account, templates, workloads, pods, quotas and limits.
 */
/**
 * The space page's read: the detail (undefined: no such space for the person), or the cluster's refusal, which a
 * person without kiosk-view meets and is told about instead of meeting an error page.
 */
export async function readSpaceDetail(caller: Caller, name: string): Promise<{ ok: true; space: SpaceDetail | undefined } | { ok: false; forbidden: boolean; message: string }> {
  try {
    return { ok: true, space: await getSpaceDetail(caller, name) };
  } catch (err) {
    if (err instanceof KubeApiError && err.code === 403) return { ok: false, forbidden: true, message: describeKubeError(err) };
    throw err;
  }
}

export async function getSpaceDetail(caller: Caller, name: string): Promise<SpaceDetail | undefined> {
  const space = await spaces.get(name, undefined, caller.as);
  if (!space) return undefined;
  const row = toRow(space);
  const ns = { namespace: name, as: caller.as };
  const [account, can] = await Promise.all([
    row.account ? tenancyAccounts.get(row.account, undefined, caller.as).catch(() => undefined) : undefined,
    selfCan(caller.as, [
      { verb: 'delete', group: 'tenancy.kiosk.sh', resource: 'spaces', name },
      // The space is deleted as the person: the role the account gives them in it must allow deleting the namespace.
      { verb: 'delete', group: '', resource: 'namespaces', name, namespace: name },
    ]),
  ]);
  const accountInfo = account ? toMyAccount(account as AccountObject) : undefined;
  const mandatory = new Set(accountInfo?.mandatoryTemplates.map((t) => t.name));
  const [templates, workloads, podRows, quotas, limits] = await Promise.all([
    section(async () => (await templateInstances.list(ns)).items.map((ti) => toTemplateInstanceRow(ti, mandatory))),
    section(async () => {
      const [d, s, j] = await Promise.all([deployments.list(ns), statefulSets.list(ns), jobs.list(ns)]);
      return toWorkloadRows([...withKind('Deployment')(d), ...withKind('StatefulSet')(s), ...withKind('Job')(j)]);
    }),
    section(async () => (await pods.list(ns)).items.map(toPodRow).sort((a, b) => a.name.localeCompare(b.name))),
    section(async () => (await resourceQuotas.list(ns)).items.map(toQuotaRow)),
    section(async () => (await limitRanges.list(ns)).items.map(toLimitRangeRow)),
  ]);
  return {
    ...row,
    labels: space.metadata.labels ?? {},
    accountInfo,
    templates: templates.error !== undefined && accountInfo?.mandatoryTemplates.length ? requiredTemplatesOf(accountInfo) : templates,
    workloads,
    pods: podRows,
    quotas,
    limitRanges: limits,
    canDelete: can.every(Boolean),
    readAt: Date.now(),
  };
}

export interface SpaceProgress {
  /** Whether the person can see the space yet: while mandatory templates deploy, only the controller can. */
  visible: boolean;
  phase?: string;
  initializing: boolean;
  templates: TemplateInstanceRow[];
}

/** What the create page polls while a space comes up: the space's phase and its TemplateInstances, as the person. */
export async function getSpaceProgress(caller: Caller, name: string): Promise<SpaceProgress> {
  const space = await spaces.get(name, undefined, caller.as);
  if (!space) return { visible: false, initializing: true, templates: [] };
  const row = toRow(space);
  const tis = await templateInstances.list({ namespace: name, as: caller.as }).catch((err: unknown) => {
    if (err instanceof KubeApiError && err.code === 403) return { items: [] as TemplateInstanceObject[] };
    throw err;
  });
  return { visible: true, phase: row.phase, initializing: row.initializing, templates: tis.items.map((ti) => toTemplateInstanceRow(ti, new Set())) };
}
