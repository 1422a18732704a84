import { Card } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';

/** What an admin form shows while the cluster is asked for its current values. */
export function FormSkeleton() {
  return (
    <div role="status" aria-label="Loading the form" className="max-w-4xl">
      <div className="mb-6 grid gap-2">
        <Skeleton className="h-4 w-20" />
        <Skeleton className="h-8 w-56" />
        <Skeleton className="h-5 w-80" />
      </div>
      <div className="grid gap-6">
        {[0, 1, 2].map((i) => (
          <Card key={i} className="grid gap-3 p-5">
            <Skeleton className="h-5 w-32" />
            <Skeleton className="h-9" />
            <Skeleton className="h-9 w-2/3" />
          </Card>
        ))}
      </div>
    </div>
  );
}
