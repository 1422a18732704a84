import { ChevronRight, Download, SearchX } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { AuditFilters } from '@/components/audit/audit-filters';
import { AuditTable } from '@/components/audit/audit-table';
import { ChainBadge } from '@/components/audit/chain-badge';
import { Alert } from '@/components/ui/alert';
import { buttonClass } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { lastAuditVerification, listAuditEvents } from '@/server/audit';
import { requireCaller } from '@/server/auth/session';
import { auditHref, parseAuditQuery } from '@/server/queries/audit-query';
import { auditScope, scopedFilter } from '@/server/queries/audit-scope';

export const metadata: Metadata = { title: 'Audit · Atrium' };

type Search = Promise<Record<string, string | string[] | undefined>>;

const AUDIT_PAGE_SIZE = 50;

export default async function AuditPage({ searchParams }: { searchParams: Search }) {
  const query = parseAuditQuery(await searchParams);
  const caller = await requireCaller(auditHref('/audit', query.params, { cursor: query.cursor }));
  const scope = await auditScope(caller);
  const filter = scopedFilter(query.filter, scope);

  const [page, last] = await Promise.all([
    listAuditEvents(filter, query.cursor, AUDIT_PAGE_SIZE).catch((err: unknown) => {
      // A hand-edited or stale ?cursor= is the person's input: say so, with the fix, rather than fail the page.
      if (!(err instanceof TypeError) || !query.cursor) throw err;
      return { events: [], nextCursor: null, cursorError: err.message };
    }),
    lastAuditVerification(),
  ]);

  const exportLink = (format: 'csv' | 'json') => (
    <a href={auditHref('/api/audit/export', query.params, { format })} download className={buttonClass('secondary', 'sm')}>
      <Download aria-hidden />
      Export {format.toUpperCase()}
    </a>
  );

  const cursorError = 'cursorError' in page ? page.cursorError : undefined;
  return (
    <>
      <PageHeader
        title="Audit"
        description={scope.all ? 'Every change and sign-in on the cluster, newest first.' : 'Changes in your accounts and what you did yourself, newest first.'}
        actions={
          <>
            {exportLink('csv')}
            {exportLink('json')}
          </>
        }
      />
      <div className="mb-4">
        <ChainBadge last={last} />
      </div>
      <AuditFilters params={query.params} />
      {query.errors.length > 0 && (
        <Alert tone="warning" className="mb-4" title="Some filters were left out">
          <ul className="list-disc pl-4">
            {query.errors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        </Alert>
      )}
      {cursorError && (
        <Alert tone="warning" className="mb-4" title="That page link is not valid">
          {cursorError}
        </Alert>
      )}
      <Card>
        {page.events.length === 0 ? (
          <EmptyState icon={SearchX} title="No events match these filters">
            {query.cursor ? 'There are no older events.' : 'Change or clear the filters to see more.'}
          </EmptyState>
        ) : (
          <AuditTable events={page.events} />
        )}
        {/* Nothing to page through on an empty first page; an empty older page still offers the way back. */}
        {(page.events.length > 0 || query.cursor) && (
          <nav aria-label="Pagination" className="flex flex-wrap items-center justify-between gap-3 border-t border-border px-4 py-3">
            <p className="text-[0.8125rem] text-muted-fg tabular-nums" data-testid="pagination-summary">
              {page.events.length.toLocaleString('en')} {page.events.length === 1 ? 'event' : 'events'} on this page
            </p>
            <div className="flex items-center gap-2">
              {query.cursor ? (
                <Link href={auditHref('/audit', query.params)} className={buttonClass('secondary', 'sm')}>
                  Newest
                </Link>
              ) : null}
              {page.nextCursor ? (
                <Link href={auditHref('/audit', query.params, { cursor: page.nextCursor })} rel="next" className={buttonClass('secondary', 'sm')}>
                  Older
                  <ChevronRight aria-hidden />
                </Link>
              ) : null}
            </div>
          </nav>
        )}
      </Card>
    </>
  );
}
