import { Boxes, Plus, SearchX, UsersRound } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { AccountFilter } from '@/components/spaces/account-filter';
import { AccountSummary } from '@/components/spaces/account-summary';
import { SpacesRefusal } from '@/components/spaces/spaces-refusal';
import { SpacesTable } from '@/components/spaces/spaces-table';
import { Alert } from '@/components/ui/alert';
import { buttonClass } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { Pagination, pageHref } from '@/components/ui/pagination';
import { SearchBox } from '@/components/ui/search-box';
import { requireCaller } from '@/server/auth/session';
import { parseSpaceListQuery } from '@/server/queries/space-list';
import { listMySpaces } from '@/server/queries/spaces';

export const metadata: Metadata = { title: 'Spaces · Atrium' };

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function SpacesPage({ searchParams }: { searchParams: Search }) {
  const sp = await searchParams;
  const query = parseSpaceListQuery(sp);
  const caller = await requireCaller(pageHref('/spaces', { q: query.q, account: query.account }, query.page));
  const data = await listMySpaces(caller, query);
  const deleted = typeof sp.deleted === 'string' ? sp.deleted : undefined;
  const newButton = (account?: string) => (
    <Link href={account ? `/spaces/new?account=${encodeURIComponent(account)}` : '/spaces/new'} className={buttonClass('primary')}>
      <Plus aria-hidden />
      New space
    </Link>
  );

  if (!data.ok) {
    return (
      <>
        <PageHeader title="Spaces" />
        <SpacesRefusal failure={data} what="spaces" username={caller.person.username} />
      </>
    );
  }

  const { accounts, canCreate } = data;
  const filtered = !!(query.q || query.account);
  const canCreateAnywhere = canCreate && accounts.some((a) => a.limit === undefined || a.spaces < a.limit);
  return (
    <>
      <PageHeader
        title="Spaces"
        description="The namespaces you work in, across all your accounts."
        actions={canCreate && accounts.length > 0 ? newButton() : undefined}
      />
      {deleted && (
        <Alert tone="success" className="mb-6" title={`Space ${deleted} is being deleted.`}>
          Kubernetes removes everything in it first; it disappears from this list once the namespace is gone.
        </Alert>
      )}
      <AccountSummary accounts={accounts} canCreate={canCreate} />

      {data.visible === 0 ? (
        <Card>
          {accounts.length === 0 ? (
            <EmptyState icon={UsersRound} title="You belong to no account yet">
              Spaces are created in an account. Ask a cluster admin to add your Kubernetes user <code className="font-mono text-foreground">{caller.person.username}</code> to
              one; then you can create spaces here.
            </EmptyState>
          ) : (
            <EmptyState
              icon={Boxes}
              title="No spaces yet"
              action={canCreateAnywhere ? newButton(accounts.length === 1 ? accounts[0]!.name : undefined) : undefined}
            >
              {canCreateAnywhere
                ? `A space is a namespace of your own in ${accounts.length === 1 ? `account ${accounts[0]!.name}` : 'one of your accounts'}. Create your first one to deploy into it.`
                : 'Your accounts have no room for a space, or your role does not allow creating one. Ask a cluster admin.'}
            </EmptyState>
          )}
        </Card>
      ) : (
        <Card>
          <div className="flex flex-wrap items-center gap-3 border-b border-border px-4 py-3">
            <SearchBox label="Search spaces" placeholder="Search by name or account" className="w-full sm:w-72" />
            <AccountFilter accounts={accounts.map((a) => a.name)} current={query.account} q={query.q} />
          </div>
          {data.rows.length === 0 ? (
            <EmptyState
              icon={SearchX}
              title="No spaces match"
              action={
                filtered ? (
                  <Link href="/spaces" className={buttonClass('secondary')}>
                    Clear search
                  </Link>
                ) : undefined
              }
            >
              {query.q ? <>Nothing you can see is called “{query.q}”{query.account ? ` in ${query.account}` : ''}.</> : `No spaces in ${query.account}.`}
            </EmptyState>
          ) : (
            <SpacesTable rows={data.rows} accounts={accounts} now={data.readAt} />
          )}
          <Pagination page={data.page} pageSize={data.pageSize} total={data.total} path="/spaces" params={{ q: query.q, account: query.account }} noun={['space', 'spaces']} />
        </Card>
      )}
    </>
  );
}
