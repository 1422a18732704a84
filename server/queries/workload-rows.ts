/** Pure conversions of workload objects into the rows the space page shows, in kubectl's words. */
import type { KubeObject } from '@/server/kube';

type Obj = KubeObject & { spec?: any; status?: any };

export interface WorkloadRow {
  kind: 'Deployment' | 'StatefulSet' | 'Job';
  name: string;
  /** "2/3" ready replicas, or "1/1" completions for a Job. */
  ready: string;
  /** Running, Progressing, Complete, Failed, Scaled to zero. */
  state: string;
  tone: 'success' | 'warning' | 'danger' | 'neutral' | 'info';
  createdAt?: string;
}

export interface PodRow {
  name: string;
  /** kubectl's STATUS column: the phase, or the reason a container is waiting (CrashLoopBackOff, ...). */
  status: string;
  tone: 'success' | 'warning' | 'danger' | 'neutral' | 'info';
  ready: string;
  restarts: number;
  createdAt?: string;
}

export interface QuotaRow {
  name: string;
  resources: { resource: string; used: string; hard: string; fraction?: number }[];
}

export interface LimitRangeRow {
  name: string;
  limits: { type: string; resource: string; min?: string; max?: string; defaultRequest?: string; default?: string }[];
}

export function toWorkloadRows(items: readonly Obj[]): WorkloadRow[] {
  return items
    .map((o) => {
      const base = { name: o.metadata.name ?? '', createdAt: o.metadata.creationTimestamp };
      if (o.kind === 'Job') {
        const completions = o.spec?.completions ?? 1;
        const succeeded = o.status?.succeeded ?? 0;
        const conditions: { type: string; status: string }[] = o.status?.conditions ?? [];
        const failed = conditions.some((c) => c.type === 'Failed' && c.status === 'True');
        const complete = conditions.some((c) => c.type === 'Complete' && c.status === 'True');
        return { ...base, kind: 'Job' as const, ready: `${succeeded}/${completions}`, ...(failed ? { state: 'Failed', tone: 'danger' as const } : complete ? { state: 'Complete', tone: 'success' as const } : { state: 'Running', tone: 'info' as const }) };
      }
      const want = o.spec?.replicas ?? 1;
      const ready = o.status?.readyReplicas ?? 0;
      const kind = o.kind === 'StatefulSet' ? ('StatefulSet' as const) : ('Deployment' as const);
      const state = want === 0 ? { state: 'Scaled to zero', tone: 'neutral' as const } : ready >= want ? { state: 'Available', tone: 'success' as const } : { state: 'Progressing', tone: 'warning' as const };
      return { ...base, kind, ready: `${ready}/${want}`, ...state };
    })
    .sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name));
}

export function toPodRow(o: Obj): PodRow {
  const statuses: any[] = o.status?.containerStatuses ?? [];
  const total = (o.spec?.containers ?? []).length || statuses.length;
  const ready = statuses.filter((c) => c.ready).length;
  const restarts = statuses.reduce((n, c) => n + (c.restartCount ?? 0), 0);
  const waiting = statuses.map((c) => c.state?.waiting?.reason ?? c.state?.terminated?.reason).find(Boolean) as string | undefined;
  const phase: string = o.metadata.deletionTimestamp ? 'Terminating' : (o.status?.phase ?? 'Pending');
  const status = phase === 'Running' || phase === 'Pending' ? (waiting ?? phase) : phase;
  const tone =
    status === 'Running' && ready === total ? 'success'
    : status === 'Succeeded' || status === 'Completed' ? 'neutral'
    : /BackOff|Err|Fail|OOM|Invalid/.test(status) ? 'danger'
    : status === 'Terminating' ? 'neutral'
    : 'warning';
  return { name: o.metadata.name ?? '', status, tone, ready: `${ready}/${total}`, restarts, createdAt: o.metadata.creationTimestamp };
}

export function toQuotaRow(o: Obj): QuotaRow {
  const hard: Record<string, string> = o.status?.hard ?? o.spec?.hard ?? {};
  const used: Record<string, string> = o.status?.used ?? {};
  return {
    name: o.metadata.name ?? '',
    resources: Object.keys(hard)
      .sort()
      .map((resource) => {
        const u = used[resource] ?? '0';
        const h = hard[resource]!;
        const fu = parseQuantity(u);
        const fh = parseQuantity(h);
        return { resource, used: u, hard: h, fraction: fu !== undefined && fh ? Math.min(1, fu / fh) : undefined };
      }),
  };
}

export function toLimitRangeRow(o: Obj): LimitRangeRow {
  const limits: any[] = o.spec?.limits ?? [];
  return {
    name: o.metadata.name ?? '',
    limits: limits.flatMap((l) => {
      const resources = new Set<string>([l.min, l.max, l.default, l.defaultRequest].flatMap((m) => Object.keys(m ?? {})));
      return [...resources].sort().map((resource) => ({
        type: l.type ?? 'Container',
        resource,
        min: l.min?.[resource],
        max: l.max?.[resource],
        defaultRequest: l.defaultRequest?.[resource],
        default: l.default?.[resource],
      }));
    }),
  };
}

const SUFFIX: Record<string, number> = {
  n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
  Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
};

/** A Kubernetes quantity ("500m", "2Gi", "1e3") as a number, for the usage bar; undefined when unparseable. */
export function parseQuantity(q: string): number | undefined {
  const m = /^([+-]?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?$/.exec(q.trim());
  if (!m) return undefined;
  return Number(m[1]) * SUFFIX[m[2] ?? '']!;
}
