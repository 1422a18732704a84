import { Card } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';

export default function Loading() {
  return (
    <div role="status" aria-label="Loading the template editor">
      <div className="mb-6 grid gap-2">
        <Skeleton className="h-8 w-56" />
        <Skeleton className="h-5 w-96" />
      </div>
      <Card className="p-5">
        <Skeleton className="h-[32rem] w-full" />
      </Card>
    </div>
  );
}
