import { Boxes, SearchX } from 'lucide-react';
import type { Metadata } from 'next';
import { ReadFailure } from '@/components/shell/read-failure';
import { AccountSelect } from '@/components/all-spaces/account-select';
import { AllSpacesTable } from '@/components/all-spaces/all-spaces-table';
import { Alert } from '@/components/ui/alert';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { Pagination, pageHref } from '@/components/ui/pagination';
import { SearchBox } from '@/components/ui/search-box';
import { requireCaller } from '@/server/auth/session';
import { ALL_SPACES_PAGE_SIZE, listAllSpaces } from '@/server/queries/all-spaces';
import { parseSpaceListQuery } from '@/server/queries/space-list';

export const metadata: Metadata = { title: 'All spaces · Atrium' };

type Search = Promise<Record<string, string | string[] | undefined>>;

/**
 * /all-spaces, not /spaces/all: "all" is a valid space name, and /spaces/<name> must keep reaching it. Not under
 * /admin either: the console has no admin flag — whoever RBAC lets list every namespace sees this page.
 */
export default async function AllSpacesPage({ searchParams }: { searchParams: Search }) {
  const query = parseSpaceListQuery(await searchParams);
  const params = { q: query.q, account: query.account };
  const caller = await requireCaller(pageHref('/all-spaces', params, query.page));
  const data = await listAllSpaces(caller, query);
  if (!data.ok) return <ReadFailure title="All spaces" failure={data} notAllowed="You may not see every space" failed="The spaces could not be listed" username={caller.person.username} />;
  return (
    <>
      <PageHeader title="All spaces" description="Every space of every account in the cluster, with its account, phase and template status." />
      {data.templatesError && (
        <Alert tone="warning" className="mb-4" title="Template status is not shown">
          {data.templatesError}
        </Alert>
      )}
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <SearchBox label="Search spaces" placeholder="Search by space or account" className="w-full sm:w-80" />
        <AccountSelect accounts={data.accounts} current={query.account} />
      </div>
      <Card>
        {data.all === 0 ? (
          <EmptyState icon={Boxes} title="No spaces in the cluster">
            Spaces appear here once tenants create them in their accounts.
          </EmptyState>
        ) : data.total === 0 ? (
          <EmptyState icon={SearchX} title="No space matches">
            Nothing matches {[query.q && `“${query.q}”`, query.account && `account ${query.account}`].filter(Boolean).join(' in ')}.
          </EmptyState>
        ) : (
          <>
            <AllSpacesTable key={`${query.q}|${query.account}|${data.page}`} rows={data.rows} canDelete={data.canDelete} readAt={data.readAt} />
            <Pagination page={data.page} pageSize={ALL_SPACES_PAGE_SIZE} total={data.total} path="/all-spaces" params={params} noun={['space', 'spaces']} />
          </>
        )}
      </Card>
    </>
  );
}
