import { Card } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';

export default function Loading() {
  return (
    <div role="status" aria-label="Loading the cluster's health">
      <div className="mb-6 grid gap-2">
        <Skeleton className="h-8 w-40" />
        <Skeleton className="h-5 w-96" />
      </div>
      <div className="grid gap-3">
        {[0, 1, 2, 3, 4, 5, 6].map((i) => (
          <Card key={i} className="p-5">
            <Skeleton className="h-5 w-72" />
          </Card>
        ))}
      </div>
    </div>
  );
}
