import { StatusPill } from '@/components/ui/badge';
import Link from 'next/link';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { formatAge } from '@/components/ui/format-age';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import type { SpaceDetail } from '@/server/queries/spaces';
import { AccountUsage } from './account-usage';
import { SectionCard } from './section-card';
import { UsageBar } from './usage-bar';

const Mono = ({ children }: { children: React.ReactNode }) => <span className="font-mono text-[0.8125rem]">{children}</span>;

/** The body of the space page: what runs in it, what it got from its account, and its limits. */
export function SpaceDetailView({ space, now }: { space: SpaceDetail; now: number }) {
  return (
    <div className="grid gap-6 lg:grid-cols-3">
      <div className="grid content-start gap-6 lg:col-span-2">
        <SectionCard id="workloads" title="Workloads" description="Deployments, StatefulSets and Jobs" section={space.workloads} empty={<>Nothing deployed yet. Try <code className="font-mono">kubectl -n {space.name} create deployment web --image=nginx</code>.</>}>
          {(items) => (
            <Table aria-label="Workloads">
              <THead>
                <tr>
                  <TH>Name</TH>
                  <TH>Kind</TH>
                  <TH>Ready</TH>
                  <TH>Status</TH>
                  <TH className="text-right">Age</TH>
                </tr>
              </THead>
              <TBody>
                {items.map((w) => (
                  <TR key={`${w.kind}/${w.name}`}>
                    <TD><Mono>{w.name}</Mono></TD>
                    <TD className="text-muted-fg">{w.kind}</TD>
                    <TD className="tabular-nums">{w.ready}</TD>
                    <TD><StatusPill tone={w.tone}>{w.state}</StatusPill></TD>
                    <TD className="text-right text-muted-fg tabular-nums">{formatAge(w.createdAt, now)}</TD>
                  </TR>
                ))}
              </TBody>
            </Table>
          )}
        </SectionCard>
        <SectionCard id="pods" title="Pods" section={space.pods} empty="No pods are running.">
          {(items) => (
            <Table aria-label="Pods">
              <THead>
                <tr>
                  <TH>Name</TH>
                  <TH>Ready</TH>
                  <TH>Status</TH>
                  <TH className="text-right">Restarts</TH>
                  <TH className="text-right">Age</TH>
                </tr>
              </THead>
              <TBody>
                {items.map((p) => (
                  <TR key={p.name} data-testid="pod-row">
                    <TD className="max-w-0 min-w-48 w-1/2"><span className="block truncate font-mono text-[0.8125rem]">{p.name}</span></TD>
                    <TD className="tabular-nums">{p.ready}</TD>
                    <TD><StatusPill tone={p.tone} pulse={p.tone === 'warning'}>{p.status}</StatusPill></TD>
                    <TD className={p.restarts > 0 ? 'text-right font-medium text-warning-soft-fg tabular-nums' : 'text-right text-muted-fg tabular-nums'}>{p.restarts}</TD>
                    <TD className="text-right text-muted-fg tabular-nums">{formatAge(p.createdAt, now)}</TD>
                  </TR>
                ))}
              </TBody>
            </Table>
          )}
        </SectionCard>
      </div>

      <div className="grid content-start gap-6">
        <SectionCard id="templates" title="Templates" description="What the space was set up with" section={space.templates} empty="No templates applied.">
          {(items) => (
            <ul className="divide-y divide-border">
              {items.map((t) => (
                <li key={t.name} className="px-5 py-3" data-testid="template-row" data-template={t.name}>
                  <div className="flex items-center justify-between gap-3">
                    <div className="min-w-0">
                      <p className="truncate"><Mono>{t.template}</Mono></p>
                      {t.mandatory && <p className="text-xs text-muted-fg">Required by {space.account}</p>}
                    </div>
                    <StatusPill tone={t.status === 'Deployed' || t.status === 'Applied' ? 'success' : t.status === 'Failed' ? 'danger' : 'info'} pulse={t.status === 'Pending'}>
                      {t.status === 'Applied' ? 'Applied at creation' : t.status}
                    </StatusPill>
                  </div>
                  {t.status === 'Failed' && (
                    <p className="mt-1.5 text-[0.8125rem] break-words text-danger-soft-fg">
                      {t.reason}: {t.message}
                    </p>
                  )}
                </li>
              ))}
            </ul>
          )}
        </SectionCard>
        <SectionCard id="quotas" title="Resource quotas" section={space.quotas} empty="No ResourceQuota limits this space on its own.">
          {(items) => (
            <CardBody className="grid gap-5">
              {items.map((q) => (
                <div key={q.name} className="grid gap-2.5">
                  <p className="text-xs font-medium text-muted-fg">{q.name}</p>
                  {q.resources.map((r) => (
                    <UsageBar key={r.resource} label={r.resource} used={r.used} hard={r.hard} fraction={r.fraction} />
                  ))}
                </div>
              ))}
            </CardBody>
          )}
        </SectionCard>
        <SectionCard id="limit-ranges" title="Limit ranges" description="Defaults and bounds per container" section={space.limitRanges} empty="No LimitRange: containers get no default requests or limits.">
          {(items) => (
            <CardBody className="grid gap-4">
              {items.map((l) => (
                <div key={l.name}>
                  <p className="mb-1.5 text-xs font-medium text-muted-fg">{l.name}</p>
                  <dl className="grid gap-1.5 text-[0.8125rem]">
                    {l.limits.map((x) => (
                      <div key={`${x.type}/${x.resource}`} className="flex flex-wrap items-baseline justify-between gap-x-3">
                        <dt className="font-mono text-muted-fg">
                          {x.type} {x.resource}
                        </dt>
                        <dd className="text-right tabular-nums">
                          {[x.defaultRequest && `request ${x.defaultRequest}`, x.default && `limit ${x.default}`, x.min && `min ${x.min}`, x.max && `max ${x.max}`].filter(Boolean).join(' · ')}
                        </dd>
                      </div>
                    ))}
                  </dl>
                </div>
              ))}
            </CardBody>
          )}
        </SectionCard>
        {space.accountInfo && (
          <Card aria-labelledby="account-title">
            <CardHeader id="account-title" title="Account" />
            <CardBody>
              <p>
                <Link href={`/accounts/${encodeURIComponent(space.accountInfo.name)}`} className="font-mono text-sm font-medium text-primary-text hover:underline">
                  {space.accountInfo.name}
                </Link>
              </p>
              <AccountUsage spaces={space.accountInfo.spaces} limit={space.accountInfo.limit} className="mt-1.5" />
              <p className="mt-2 text-[0.8125rem] text-muted-fg">
                Members get the <Mono>{space.accountInfo.clusterRole || 'no'}</Mono> role here.
              </p>
            </CardBody>
          </Card>
        )}
      </div>
    </div>
  );
}
