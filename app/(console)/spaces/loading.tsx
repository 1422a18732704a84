import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { Skeleton, TableSkeleton } from '@/components/ui/skeleton';

export default function Loading() {
  return (
    <>
      <PageHeader title="Spaces" description="The namespaces you work in, across all your accounts." />
      <div className="mb-6 grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        <Skeleton className="h-16" />
        <Skeleton className="hidden h-16 sm:block" />
      </div>
      <Card>
        <div className="border-b border-border px-4 py-3">
          <Skeleton className="h-9 w-72" />
        </div>
        <TableSkeleton rows={6} columns={4} label="Loading your spaces" />
      </Card>
    </>
  );
}
