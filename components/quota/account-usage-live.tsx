'use client';

import { useQuery } from '@tanstack/react-query';
import { Gauge, Pencil, Plus } from 'lucide-react';
import Link from 'next/link';
import { useState } from 'react';
import { FetchError, fetchJson } from '@/components/spaces/fetch-json';
import { Alert } from '@/components/ui/alert';
import { DeleteAccountButton } from '@/components/accounts/delete-account-button';
import { Badge } from '@/components/ui/badge';
import { buttonClass } from '@/components/ui/button';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import type { AccountUsage } from '@/server/queries/account-usage';
import type { QuotaView } from '@/server/queries/quota-usage-view';
import { QuotaBars } from './quota-bars';
import { SpaceBreakdownChart } from './space-breakdown-chart';
import { UsageHistoryChart } from './usage-history-chart';
import { RANGES, type UsagePoint } from './usage-history-data';

/** How often the numbers are read again: usage moves within seconds of pods starting or stopping. */
const POLL_MS = 3000;

/** The account page, kept live by polling its route handler (read as the person each time). */
/** Which admin actions the page offers (hints from RBAC; each action is checked by the cluster when made). */
export interface AccountAdminActions {
  edit: boolean;
  delete: boolean;
  createQuota: boolean;
  editQuota: boolean;
}

const NO_ADMIN: AccountAdminActions = { edit: false, delete: false, createQuota: false, editQuota: false };

export function AccountUsageLive({ initial, canListAccounts, admin = NO_ADMIN }: { initial: AccountUsage; canListAccounts: boolean; admin?: AccountAdminActions }) {
  const { data, error } = useQuery({
    queryKey: ['account-usage', initial.name],
    queryFn: () => fetchJson<AccountUsage>(`/api/accounts/${encodeURIComponent(initial.name)}/usage`),
    initialData: initial,
    refetchInterval: (q) => (q.state.error instanceof FetchError && (q.state.error.status === 403 || q.state.error.status === 404) ? false : POLL_MS),
    staleTime: 0,
  });
  const a = data;
  return (
    <>
      <PageHeader
        breadcrumb={{ href: canListAccounts ? '/accounts' : '/spaces', label: canListAccounts ? 'Accounts' : 'Spaces' }}
        title={<span className="font-mono">{a.name}</span>}
        description={
          <span className="tabular-nums">
            {a.spaces.length} {a.spaces.length === 1 ? 'space' : 'spaces'}
            {a.limit !== undefined ? ` of ${a.limit} allowed` : ' · no space limit'} · {a.subjects.length === 0 ? 'no members' : `members: ${a.subjects.map((s) => s.name).join(', ')}`}
          </span>
        }
        actions={
          <>
            <Badge tone="info">Live · every {POLL_MS / 1000} s</Badge>
            {admin.edit && (
              <Link href={`/accounts/${encodeURIComponent(a.name)}/edit`} className={buttonClass('secondary')}>
                <Pencil aria-hidden />
                Edit
              </Link>
            )}
            {admin.createQuota && a.quotas.length > 0 && (
              <Link href={`/accounts/${encodeURIComponent(a.name)}/quotas/new`} className={buttonClass('secondary')}>
                <Plus aria-hidden />
                Add a quota
              </Link>
            )}
            {admin.delete && <DeleteAccountButton name={a.name} resourceVersion={a.resourceVersion} spaces={a.spaces.length} deleteSpaces={a.deleteSpacesOnAccountDeletion} />}
          </>
        }
      />
      {error && !(error instanceof FetchError && error.status === 401) && (
        <Alert tone="warning" className="mb-4" title="The latest numbers could not be read">
          {error.message} The figures below are from {new Date(a.readAt).toLocaleTimeString()}.
        </Alert>
      )}
      {a.quotasError !== undefined ? (
        <Alert tone="warning" title="You may not read this account's quotas">
          {a.quotasError}
        </Alert>
      ) : a.quotas.length === 0 ? (
        <Card>
          <EmptyState
            icon={Gauge}
            title="No quotas"
            action={admin.createQuota ? <Link href={`/accounts/${encodeURIComponent(a.name)}/quotas/new`} className={buttonClass('primary')}><Plus aria-hidden />Add a quota</Link> : undefined}
          >
            This account has no AccountQuota: its spaces may use as much as each space&apos;s own limits allow.
          </EmptyState>
        </Card>
      ) : (
        <div className="grid gap-8">
          {a.quotas.map((q) => (
            <QuotaSection key={q.name} account={a.name} quota={q} now={a.readAt} canEdit={admin.editQuota} />
          ))}
        </div>
      )}
    </>
  );
}

/** The recorded week of one resource, read again every half minute (samples come at most every 10 s). */
function HistoryOf({ account, quota, resource, hardValue, now }: { account: string; quota: string; resource: string; hardValue: number; now: number }) {
  const { data, error } = useQuery({
    queryKey: ['usage-history', account, quota, resource],
    queryFn: () =>
      fetchJson<UsagePoint[]>(`/api/accounts/${encodeURIComponent(account)}/history?${new URLSearchParams({ quota, resource, since: String(now - RANGES.week) })}`),
    refetchInterval: 30_000,
  });
  return (
    <>
      {error && <p className="mb-2 text-[0.8125rem] text-muted-fg">The usage history could not be read: {error.message}</p>}
      <UsageHistoryChart resource={resource} hardValue={hardValue} samples={data} now={now} />
    </>
  );
}

function QuotaSection({ account, quota: q, now, canEdit }: { account: string; quota: QuotaView; now: number; canEdit: boolean }) {
  const [resource, setResource] = useState(q.resources[0]?.resource);
  const current = q.resources.find((r) => r.resource === resource) ?? q.resources[0];
  const id = `quota-${q.name}`;
  return (
    <section aria-labelledby={id} data-testid={id} className="grid gap-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id={id} className="text-lg font-semibold">
          Quota <span className="font-mono">{q.name}</span>
          {q.scopes.length > 0 && <span className="ml-2 text-sm font-normal text-muted-fg">scopes: {q.scopes.join(', ')}</span>}
        </h2>
        {canEdit && (
          <Link href={`/accounts/${encodeURIComponent(account)}/quotas/${encodeURIComponent(q.name)}/edit`} className={buttonClass('secondary', 'sm')}>
            <Pencil aria-hidden />
            Edit limits<span className="sr-only"> of quota {q.name}</span>
          </Link>
        )}
      </div>
      {!q.counted && (
        <Alert tone="info" title="Not counted yet">
          The controller has not reported this quota&apos;s usage yet; the limits are shown with nothing used.
        </Alert>
      )}
      <div className="grid gap-4 lg:grid-cols-2">
        <Card aria-labelledby={`${id}-used`}>
          <CardHeader id={`${id}-used`} title="Used of the limit" description="The mark is the limit; the bar turns amber at 80% and red at it." />
          <CardBody>
            <QuotaBars resources={q.resources} />
          </CardBody>
        </Card>
        <Card aria-labelledby={`${id}-spaces`}>
          <CardHeader id={`${id}-spaces`} title="By space" description="Each resource's limit as 100%, split by the spaces that use it." />
          <CardBody>
            <SpaceBreakdownChart quota={q} />
          </CardBody>
        </Card>
      </div>
      {current && (
        <Card aria-labelledby={`${id}-history`}>
          <CardHeader
            id={`${id}-history`}
            title="Over time"
            actions={
              <label className="flex items-center gap-2 text-[0.8125rem] text-muted-fg">
                Resource
                <select
                  value={current.resource}
                  onChange={(e) => setResource(e.target.value)}
                  className="rounded-md border border-border bg-surface px-2 py-1 font-mono text-[0.8125rem] text-foreground"
                >
                  {q.resources.map((r) => (
                    <option key={r.resource}>{r.resource}</option>
                  ))}
                </select>
              </label>
            }
          />
          <CardBody>
            <HistoryOf account={account} quota={q.name} resource={current.resource} hardValue={current.hardValue} now={now} />
          </CardBody>
        </Card>
      )}
    </section>
  );
}
