import { Plus, SearchX, UsersRound } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { ReadFailure } from '@/components/shell/read-failure';
import { QuotaBar } from '@/components/quota/quota-bars';
import { AccountUsage } from '@/components/spaces/account-usage';
import { Alert } from '@/components/ui/alert';
import { buttonClass } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { Pagination, pageHref } from '@/components/ui/pagination';
import { SearchBox } from '@/components/ui/search-box';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import { cn } from '@/components/ui/cn';
import { requireCaller } from '@/server/auth/session';
import { listAccounts } from '@/server/queries/account-list';
import { consolePermissions } from '@/server/queries/console-permissions';
import { ACCOUNTS_PAGE_SIZE, parseAccountListQuery, type AccountSort } from '@/server/queries/account-list-page';

export const metadata: Metadata = { title: 'Accounts · Atrium' };

type Search = Promise<Record<string, string | string[] | undefined>>;

const SORT_LABELS: Record<AccountSort, string> = { name: 'Name', spaces: 'Spaces', usage: 'Fullest quota' };

export default async function AccountsPage({ searchParams }: { searchParams: Search }) {
  const query = parseAccountListQuery(await searchParams);
  const params = { q: query.q, sort: query.sort === 'name' ? undefined : query.sort };
  const caller = await requireCaller(pageHref('/accounts', params, query.page));
  const [data, can] = await Promise.all([listAccounts(caller, query), consolePermissions(caller)]);
  const newAccount = can.createAccounts ? (
    <Link href="/accounts/new" className={buttonClass('primary')}>
      <Plus aria-hidden />
      New account
    </Link>
  ) : undefined;

  if (!data.ok) return <ReadFailure title="Accounts" failure={data} notAllowed="You may not see the accounts" failed="The accounts could not be listed" username={caller.person.username} />;

  const sortLink = (s: AccountSort) => (
    <Link
      key={s}
      href={pageHref('/accounts', { q: query.q, sort: s === 'name' ? undefined : s }, 1)}
      aria-current={query.sort === s ? 'true' : undefined}
      className={cn('rounded-md px-2 py-1 text-[0.8125rem] font-medium', query.sort === s ? 'bg-surface-muted text-foreground' : 'text-muted-fg hover:text-foreground')}
    >
      {SORT_LABELS[s]}
    </Link>
  );

  return (
    <>
      <PageHeader title="Accounts" description="Every tenant of the cluster: their spaces against the limit, the quota closest to full, and who belongs." actions={data.all > 0 ? newAccount : undefined} />
      {data.quotasError && (
        <Alert tone="warning" className="mb-4" title="Quotas are not shown">
          {data.quotasError}
        </Alert>
      )}
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <SearchBox label="Search accounts" placeholder="Search by name or member" className="w-full sm:w-80" />
        <nav aria-label="Sort accounts by" className="flex items-center gap-1">
          <span className="mr-1 text-[0.8125rem] text-muted-fg">Sort</span>
          {(['name', 'spaces', 'usage'] as const).map(sortLink)}
        </nav>
      </div>
      <Card>
        {data.all === 0 ? (
          <EmptyState icon={UsersRound} title="No accounts yet" action={newAccount}>
            An account gives a team its spaces. Create one here, or with <code className="font-mono">kubectl apply</code> of an Account.
          </EmptyState>
        ) : data.total === 0 ? (
          <EmptyState icon={SearchX} title="No account matches">
            Nothing matches “{query.q}”.
          </EmptyState>
        ) : (
          <>
            <Table data-testid="accounts-table">
              <THead>
                <tr>
                  <TH>Account</TH>
                  <TH>Spaces</TH>
                  <TH className="w-64">Fullest quota</TH>
                  <TH>Members</TH>
                </tr>
              </THead>
              <TBody>
                {data.rows.map((a) => (
                  <TR key={a.name}>
                    <TD className="font-mono whitespace-nowrap">
                      <Link href={`/accounts/${encodeURIComponent(a.name)}`} className="font-medium text-primary-text hover:underline">
                        {a.name}
                      </Link>
                    </TD>
                    <TD>
                      <AccountUsage spaces={a.spaces} limit={a.limit} compact />
                    </TD>
                    <TD>
                      {a.fullest ? (
                        <div className="grid gap-1">
                          <span className="text-xs tabular-nums text-muted-fg">
                            <span className="font-mono text-foreground">{a.fullest.resource}</span> {a.fullest.used} of {a.fullest.hard}
                          </span>
                          <QuotaBar usage={a.fullest} compact />
                        </div>
                      ) : (
                        <span className="text-[0.8125rem] text-muted-fg">no quota</span>
                      )}
                    </TD>
                    <TD className="text-[0.8125rem]">
                      {a.subjects.length === 0 ? <span className="text-muted-fg">none</span> : a.subjects.join(', ')}
                    </TD>
                  </TR>
                ))}
              </TBody>
            </Table>
            <Pagination page={data.page} pageSize={ACCOUNTS_PAGE_SIZE} total={data.total} path="/accounts" params={params} noun={['account', 'accounts']} />
          </>
        )}
      </Card>
    </>
  );
}
