import { Card } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';

export default function Loading() {
  return (
    <div role="status" aria-label="Loading the account">
      <div className="mb-6 grid gap-2">
        <Skeleton className="h-4 w-20" />
        <Skeleton className="h-8 w-56" />
        <Skeleton className="h-5 w-72" />
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        <Card className="grid gap-3 p-5">
          <Skeleton className="h-5 w-32" />
          <Skeleton className="h-8" />
          <Skeleton className="h-8" />
        </Card>
        <Card className="grid gap-3 p-5">
          <Skeleton className="h-5 w-24" />
          <Skeleton className="h-24" />
        </Card>
      </div>
    </div>
  );
}
