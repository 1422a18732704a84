/** Green, amber, red — or grey when the console could not find out. Always shown with words, never colour alone. */
export type Level = 'ok' | 'warn' | 'fail' | 'unknown';

export interface HealthCheck {
  id: 'tenancy-api' | 'webhooks' | 'leader' | 'replicas' | 'template-instances' | 'reconcile-errors' | 'quota-drift';
  title: string;
  level: Level;
  summary: string;
  /** What it means for tenants, or what to do: the line an on-call admin acts on. */
  detail?: string;
  /** Rows behind the summary (webhooks, controllers with errors, drifting quotas). */
  items?: string[];
}

/** What could not be read says why, instead of a value. */
export type Read<T> = { ok: true; value: T } | { ok: false; message: string };

export interface HealthFacts {
  now: number;
  apiService: Read<{ available: boolean; reason?: string; message?: string } | undefined>;
  webhooks: Read<{ name: string; webhooks: number; failurePolicy: string }[]>;
  lease: Read<{ holder?: string; renewTime?: string; durationSeconds?: number; transitions?: number } | undefined>;
  deployment: Read<{ desired: number; ready: number; pods: string[] } | undefined>;
  /** Failed TemplateInstances across spaces (namespace/name and why), and how many there are in all. */
  templateInstances: Read<{ total: number; failed: { at: string; why: string }[] }>;
  metrics: Read<{ reconcileErrors: [string, number][]; drift: [string, number][]; queueDepth: number; source: string }>;
}

const worst = (levels: Level[]): Level => (['fail', 'warn', 'unknown', 'ok'] as const).find((l) => levels.includes(l)) ?? 'ok';
export const overall = (checks: HealthCheck[]) => worst(checks.map((c) => c.level));

function ago(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  return s < 120 ? `${s}s ago` : s < 7200 ? `${Math.round(s / 60)}m ago` : `${Math.round(s / 3600)}h ago`;
}

/**
 * Turns what the cluster and the controller's metrics say into the checks of the Health page, in the order an
 * on-call admin wants them: can tenants reach the tenancy API, are the webhooks registered, is there a leader,
 * are there spare replicas, is reconciling failing, has quota usage drifted.
 */
export function healthChecks(f: HealthFacts): HealthCheck[] {
  const checks: HealthCheck[] = [];

  if (!f.apiService.ok) checks.push({ id: 'tenancy-api', title: 'Tenancy API (APIService v1alpha1.tenancy.kiosk.sh)', level: 'unknown', summary: `Could not be read: ${f.apiService.message}` });
  else if (!f.apiService.value) checks.push({ id: 'tenancy-api', title: 'Tenancy API (APIService v1alpha1.tenancy.kiosk.sh)', level: 'fail', summary: 'Not registered', detail: 'kubectl get spaces and the console\'s space pages fail for everyone. Reinstall the Helm chart.' });
  else {
    const a = f.apiService.value;
    checks.push({
      id: 'tenancy-api',
      title: 'Tenancy API (APIService v1alpha1.tenancy.kiosk.sh)',
      level: a.available ? 'ok' : 'fail',
      summary: a.available ? 'Available' : `Not available${a.reason ? ` (${a.reason})` : ''}`,
      detail: a.available ? a.message : `${a.message ?? ''} Tenants cannot list or create spaces until the API server reaches a controller replica.`.trim(),
    });
  }

  if (!f.webhooks.ok) checks.push({ id: 'webhooks', title: 'Admission webhooks', level: 'unknown', summary: `Could not be read: ${f.webhooks.message}` });
  else {
    const list = f.webhooks.value;
    checks.push({
      id: 'webhooks',
      title: 'Admission webhooks',
      level: list.length === 0 ? 'fail' : 'ok',
      summary: list.length === 0 ? 'None registered' : `${list.length} ${list.length === 1 ? 'configuration' : 'configurations'} registered`,
      detail: list.length === 0 ? 'Account quotas are not enforced and changes are not audited. Reinstall the Helm chart.' : 'They answer through the same controller replicas as the tenancy API: when that is available, so are they.',
      items: list.map((w) => `${w.name}: ${w.webhooks} ${w.webhooks === 1 ? 'webhook' : 'webhooks'}, failurePolicy ${w.failurePolicy}`),
    });
  }

  if (!f.lease.ok) checks.push({ id: 'leader', title: 'Leader', level: 'unknown', summary: `Could not be read: ${f.lease.message}` });
  else if (!f.lease.value?.holder) checks.push({ id: 'leader', title: 'Leader', level: 'fail', summary: 'No leader', detail: 'Nothing reconciles: new spaces get no RBAC or templates, quota status stops moving. Check the controller\'s logs.' });
  else {
    const l = f.lease.value;
    const renewed = l.renewTime ? Date.parse(l.renewTime) : NaN;
    const expired = Number.isFinite(renewed) && f.now - renewed > (l.durationSeconds ?? 15) * 1000;
    const pods = f.deployment.ok ? f.deployment.value?.pods ?? [] : [];
    const outside = pods.length > 0 && !pods.includes(l.holder!);
    checks.push({
      id: 'leader',
      title: 'Leader',
      level: expired ? 'fail' : 'ok',
      summary: expired ? `${l.holder} stopped renewing the lease (${ago(f.now - renewed)})` : `${l.holder}`,
      detail: [
        Number.isFinite(renewed) ? `Lease renewed ${ago(f.now - renewed)}${l.durationSeconds ? `, valid for ${l.durationSeconds}s` : ''}.` : undefined,
        l.transitions !== undefined ? `${l.transitions} leader ${l.transitions === 1 ? 'change' : 'changes'} so far.` : undefined,
        outside ? 'The holder is not one of the Deployment\'s pods: a controller running outside the cluster (a development host) leads.' : undefined,
        expired ? 'No replica is reconciling; another replica takes over when the lease expires, unless none is running.' : undefined,
      ].filter(Boolean).join(' '),
    });
  }

  if (!f.deployment.ok) checks.push({ id: 'replicas', title: 'Controller replicas', level: 'unknown', summary: `Could not be read: ${f.deployment.message}` });
  else if (!f.deployment.value) checks.push({ id: 'replicas', title: 'Controller replicas', level: 'warn', summary: 'No atrium-controller Deployment', detail: 'The controller runs outside the cluster (development host), or under another name.' });
  else {
    const d = f.deployment.value;
    const level: Level = d.ready === 0 ? 'fail' : d.ready < d.desired || d.desired < 2 ? 'warn' : 'ok';
    checks.push({
      id: 'replicas',
      title: 'Controller replicas',
      level,
      summary: `${d.ready} of ${d.desired} ready`,
      detail: level === 'fail' ? 'No replica serves the webhooks or the tenancy API.' : d.desired < 2 ? 'A single replica: no failover while it restarts.' : d.ready < d.desired ? 'Fewer replicas than wanted; failover still works while one is ready.' : undefined,
    });
  }

  if (!f.templateInstances.ok) checks.push({ id: 'template-instances', title: 'Template instances', level: 'unknown', summary: `Could not be read: ${f.templateInstances.message}` });
  else {
    const { total, failed } = f.templateInstances.value;
    checks.push({
      id: 'template-instances',
      title: 'Template instances',
      level: failed.length ? 'warn' : 'ok',
      summary: failed.length ? `${failed.length} of ${total} failed` : `${total} ${total === 1 ? 'instance' : 'instances'}, none failed`,
      detail: failed.length ? 'Those spaces lack what their templates deploy. Open the template to see why, fix it, and turn sync on (or re-apply the instance).' : undefined,
      items: failed.slice(0, 10).map((x) => `${x.at}: ${x.why}`).concat(failed.length > 10 ? [`… and ${failed.length - 10} more`] : []),
    });
  }

  if (!f.metrics.ok) {
    for (const [id, title] of [['reconcile-errors', 'Reconcile errors'], ['quota-drift', 'Quota drift']] as const) {
      checks.push({ id, title, level: 'unknown', summary: 'Controller metrics unreachable', detail: f.metrics.message });
    }
  } else {
    const m = f.metrics.value;
    const errors = m.reconcileErrors.reduce((n, [, v]) => n + v, 0);
    checks.push({
      id: 'reconcile-errors',
      title: 'Reconcile errors',
      level: errors > 0 ? 'warn' : 'ok',
      summary: errors > 0 ? `${errors} since the leader started` : 'None since the leader started',
      detail: `${errors > 0 ? 'Failed reconciles are retried with back-off; a steady rise means something stays broken (see the controller\'s logs). ' : ''}Work queue: ${m.queueDepth} waiting. Read from ${m.source}.`,
      items: m.reconcileErrors.filter(([, v]) => v > 0).map(([c, v]) => `${c}: ${v}`),
    });
    const drift = m.drift.reduce((n, [, v]) => n + v, 0);
    checks.push({
      id: 'quota-drift',
      title: 'Quota drift',
      level: drift > 0 ? 'warn' : 'ok',
      summary: drift > 0 ? `${drift} ${drift === 1 ? 'recount' : 'recounts'} found usage off (corrected)` : 'No drift found by recounts',
      detail: drift > 0 ? 'The periodic recount corrected usage that watch events had missed. Repeated drift on one quota is worth a bug report.' : undefined,
      items: m.drift.filter(([, v]) => v > 0).map(([q, v]) => `${q}: ${v}`),
    });
  }
  return checks;
}
