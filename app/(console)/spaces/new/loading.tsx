import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { Skeleton } from '@/components/ui/skeleton';

export default function Loading() {
  return (
    <div className="max-w-3xl">
      <PageHeader title="New space" description="A namespace of your own, in one of your accounts." />
      <Card role="status" aria-label="Loading your accounts" className="grid gap-6 p-5">
        <div className="grid gap-2 sm:grid-cols-2">
          <Skeleton className="h-20" />
          <Skeleton className="h-20" />
        </div>
        <Skeleton className="h-9 max-w-md" />
        <Skeleton className="h-12" />
      </Card>
    </div>
  );
}
