import { Card } from '@/components/ui/card';
import { Skeleton, TableSkeleton } from '@/components/ui/skeleton';

export default function Loading() {
  return (
    <div role="status" aria-label="Loading the templates">
      <div className="mb-6 grid gap-2">
        <Skeleton className="h-8 w-40" />
        <Skeleton className="h-5 w-96" />
      </div>
      <Card>
        <TableSkeleton rows={5} columns={5} />
      </Card>
    </div>
  );
}
