// The AccountQuota form's values, their checks while typing and the object or patch they become. Pure: the form
// and the server action share it. Quantities go through the controller's own parser (server/tenancy/quota).
import { parseQuantity, quantityError } from '@/server/tenancy/quota/quantity';
import { kubeNameProblem } from '@/components/forms/kube-name';
import type { AccountQuotaObject } from '@/server/kube/kiosk';

export interface HardRow {
  resource: string;
  amount: string;
}

export interface QuotaFormValues {
  name: string;
  hard: HardRow[];
  scopes: string[];
}

/** Scopes an AccountQuota may name in spec.scopes, as a ResourceQuota (core/v1 ResourceQuotaScope). */
export const QUOTA_SCOPES = [
  { name: 'Terminating', help: 'pods with activeDeadlineSeconds set (jobs)' },
  { name: 'NotTerminating', help: 'pods without activeDeadlineSeconds' },
  { name: 'BestEffort', help: 'pods with no requests or limits; only the pods resource' },
  { name: 'NotBestEffort', help: 'pods with a request or limit' },
  { name: 'PriorityClass', help: 'pods that name a priority class' },
  { name: 'CrossNamespacePodAffinity', help: 'pods with cross-namespace affinity terms' },
] as const;

const CONFLICTING: [string, string][] = [['Terminating', 'NotTerminating'], ['BestEffort', 'NotBestEffort']];
/** Resources a scope may limit (upstream ValidateResourceQuota: pod scopes track pod resources only). */
const POD_RESOURCES = new Set([
  'count/pods', 'cpu', 'memory', 'ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage',
  'limits.cpu', 'limits.memory', 'limits.ephemeral-storage', 'pods',
]);
/** What the controller's pod evaluator counts (server/tenancy/quota/pod-evaluator): the rest is not tracked under scopes. */
const isPodResource = (r: string) => POD_RESOURCES.has(r) || r.startsWith('hugepages-') || r.startsWith('requests.hugepages-') || (r.startsWith('requests.') && r.includes('/'));
const INTEGER_RESOURCES = new Set(['pods', 'services', 'replicationcontrollers', 'resourcequotas', 'secrets', 'configmaps', 'persistentvolumeclaims', 'services.nodeports', 'services.loadbalancers']);
const RESOURCE_NAME = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[a-z0-9A-Z]([-a-zA-Z0-9_./]*[a-zA-Z0-9])?$/;

export const emptyQuotaForm = (): QuotaFormValues => ({ name: '', hard: [{ resource: '', amount: '' }], scopes: [] });

/** Counted in whole objects: `pods`, `count/…`, `<class>.storageclass.storage.k8s.io/persistentvolumeclaims`. */
export function isObjectCount(resource: string): boolean {
  return INTEGER_RESOURCES.has(resource) || resource.startsWith('count/') || resource.endsWith('/persistentvolumeclaims');
}

/** Why an amount cannot be the hard limit of `resource`; undefined when it can. Checked as the person types. */
export function amountProblem(resource: string, amount: string): string | undefined {
  const t = amount.trim();
  if (t === '') return 'Required: the limit, e.g. 10, 500m or 2Gi.';
  const err = quantityError(t);
  if (err) return `Not a quantity: ${err}. Write a number with an optional unit, e.g. 500m, 2, 1.5Gi.`;
  const q = parseQuantity(t);
  if (q.nanos < 0n) return 'Must be 0 or more.';
  if (isObjectCount(resource) && q.nanos % 1_000_000_000n !== 0n) return `${resource} counts whole objects: write a whole number.`;
  return undefined;
}

/** What an amount means, for the line under the field: "= 0.5 cores", "= 2 GiB (2,147,483,648 bytes)". */
export function describeAmount(resource: string, amount: string): string | undefined {
  if (amountProblem(resource, amount)) return undefined;
  const value = Number(parseQuantity(amount.trim()).nanos) / 1e9;
  const num = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 3 });
  if (/(^|\.)cpu$/.test(resource)) return `= ${num(value)} ${value === 1 ? 'core' : 'cores'}`;
  if (/(^|\.)(memory|storage|ephemeral-storage)$/.test(resource) || resource.endsWith('/requests.storage')) {
    const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
    let v = value;
    let u = 0;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return u === 0 ? `= ${num(value)} bytes` : `= ${num(v)} ${units[u]} (${num(value)} bytes)`;
  }
  if (isObjectCount(resource)) return `= ${num(value)} ${value === 1 ? 'object' : 'objects'}`;
  return `= ${num(value)}`;
}

export function resourceProblem(resource: string): string | undefined {
  const r = resource.trim();
  if (r === '') return 'Choose a resource, e.g. pods, requests.cpu or count/deployments.apps.';
  if (r.length > 253 + 64 || !RESOURCE_NAME.test(r)) return 'Not a resource name: use names such as limits.memory, count/services or gold.storageclass.storage.k8s.io/requests.storage.';
  return undefined;
}

export type QuotaProblems = Record<string, string[]>;

/** Everything wrong with the form: keys name, hard.<i>.resource, hard.<i>.amount, hard, scopes. */
export function quotaFormProblems(v: QuotaFormValues, opts: { checkName: boolean }): QuotaProblems {
  const out: QuotaProblems = {};
  const add = (k: string, m: string | undefined) => {
    if (m) (out[k] ??= []).push(m);
  };
  if (opts.checkName) add('name', kubeNameProblem(v.name, 'quota'));
  const rows = v.hard.filter((r) => r.resource.trim() !== '' || r.amount.trim() !== '');
  if (rows.length === 0) add('hard', 'Add at least one limit.');
  const seen = new Set<string>();
  v.hard.forEach((row, i) => {
    if (row.resource.trim() === '' && row.amount.trim() === '') return;
    add(`hard.${i}.resource`, resourceProblem(row.resource));
    const r = row.resource.trim();
    if (seen.has(r)) add(`hard.${i}.resource`, `${r} is limited twice: keep one row.`);
    seen.add(r);
    add(`hard.${i}.amount`, amountProblem(r, row.amount));
  });
  for (const [a, b] of CONFLICTING) if (v.scopes.includes(a) && v.scopes.includes(b)) add('scopes', `${a} and ${b} exclude each other: choose one.`);
  if (v.scopes.length > 0) {
    const outside = rows.map((r) => r.resource.trim()).filter((r) => r && !isPodResource(r));
    if (outside.length) add('scopes', `Scoped quotas track pods only; ${outside.join(', ')} ${outside.length === 1 ? 'is' : 'are'} not a pod resource. Remove the scopes or those limits.`);
    if (v.scopes.includes('BestEffort')) {
      const notPods = rows.map((r) => r.resource.trim()).filter((r) => r !== 'pods' && r !== 'count/pods');
      if (notPods.length) add('scopes', `BestEffort pods request nothing, so a BestEffort quota may limit only pods, not ${notPods.join(', ')}.`);
    }
  }
  return out;
}

/** spec.quota.hard as the form describes it. */
export function hardOf(v: QuotaFormValues): Record<string, string> {
  return Object.fromEntries(v.hard.filter((r) => r.resource.trim() !== '').map((r) => [r.resource.trim(), r.amount.trim()]));
}

export function quotaObjectOf(v: QuotaFormValues, account: string): AccountQuotaObject {
  return {
    apiVersion: 'config.kiosk.sh/v1alpha1',
    kind: 'AccountQuota',
    metadata: { name: v.name },
    spec: { account, quota: { hard: hardOf(v), ...(v.scopes.length ? { scopes: v.scopes } : {}) } },
  };
}

/**
 * The merge patch from the loaded values to the edited ones, guarded by resourceVersion (409 Conflict when the
 * quota changed since the page loaded). Removed limits become null; scopeSelector, which the form does not edit,
 * is left as it is.
 */
export function quotaPatch(initial: QuotaFormValues, next: QuotaFormValues, resourceVersion: string): Record<string, unknown> {
  const a = hardOf(initial);
  const b = hardOf(next);
  const hard: Record<string, string | null> = {};
  for (const k of Object.keys(a)) if (!(k in b)) hard[k] = null;
  for (const [k, val] of Object.entries(b)) if (a[k] !== val) hard[k] = val;
  const quota: Record<string, unknown> = {};
  if (Object.keys(hard).length) quota.hard = hard;
  if (JSON.stringify(initial.scopes) !== JSON.stringify(next.scopes)) quota.scopes = next.scopes.length ? next.scopes : null;
  return { metadata: { resourceVersion }, ...(Object.keys(quota).length ? { spec: { quota } } : {}) };
}

export function quotaFormValues(q: AccountQuotaObject): QuotaFormValues {
  return {
    name: q.metadata.name ?? '',
    hard: Object.entries(q.spec.quota?.hard ?? {}).sort(([x], [y]) => x.localeCompare(y)).map(([resource, amount]) => ({ resource, amount: String(amount) })),
    scopes: [...(q.spec.quota?.scopes ?? [])],
  };
}
