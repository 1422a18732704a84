import { Card } from './card';
import { cn } from './cn';
import { Skeleton, TableSkeleton } from './skeleton';

/** The shapes a console page has while it loads: the body is drawn like the page that will replace it. */
export type PageSkeletonShape =
  | { shape: 'table'; rows?: number; columns?: number }
  | { shape: 'cards'; cards?: number }
  | { shape: 'editor' }
  | { shape: 'form' }
  | { shape: 'detail'; table?: boolean };

export type PageSkeletonProps = PageSkeletonShape & {
  /** What is loading, read once by screen readers ("Loading the accounts"). */
  label: string;
  /** The page sits under a breadcrumb (a detail or edit page). */
  breadcrumb?: boolean;
};

/**
 * Every console page's loading.tsx: a header the size of PageHeader's and a body of the page's shape, announced
 * once as a status. One component, so the skeletons of all pages keep the same spacing as the pages themselves.
 */
export function PageSkeleton({ label, breadcrumb, ...body }: PageSkeletonProps) {
  return (
    <div role="status" aria-label={label} className={cn(body.shape === 'form' && 'max-w-4xl')}>
      <div className="mb-6 grid gap-2">
        {breadcrumb && <Skeleton className="h-4 w-20" />}
        <Skeleton className={cn('h-8', breadcrumb || body.shape === 'editor' ? 'w-56' : 'w-40')} />
        <Skeleton className="h-5 w-full max-w-96" />
      </div>
      <SkeletonBody {...body} />
    </div>
  );
}

function SkeletonBody(body: PageSkeletonShape) {
  switch (body.shape) {
    case 'table':
      return (
        <Card>
          <TableSkeleton rows={body.rows} columns={body.columns} label={null} />
        </Card>
      );
    case 'cards':
      return (
        <div className="grid gap-3">
          {Array.from({ length: body.cards ?? 6 }, (_, i) => (
            <Card key={i} className="p-5">
              <Skeleton className="h-5 w-72 max-w-full" />
            </Card>
          ))}
        </div>
      );
    case 'editor':
      return (
        <Card className="p-5">
          <Skeleton className="h-[32rem] w-full" />
        </Card>
      );
    case 'form':
      return (
        <div className="grid gap-6">
          {[0, 1, 2].map((i) => (
            <Card key={i} className="grid gap-3 p-5">
              <Skeleton className="h-5 w-32" />
              <Skeleton className="h-9" />
              <Skeleton className="h-9 w-2/3" />
            </Card>
          ))}
        </div>
      );
    case 'detail':
      // A detail page: its main card (a table of workloads, or the account's facts) beside a narrower one.
      return (
        <div className={cn('grid gap-6', body.table ? 'lg:grid-cols-3' : 'lg:grid-cols-2')}>
          {body.table ? (
            <Card className="lg:col-span-2">
              <TableSkeleton rows={4} columns={5} label={null} />
            </Card>
          ) : (
            <Card className="grid gap-3 p-5">
              <Skeleton className="h-5 w-32" />
              <Skeleton className="h-8" />
              <Skeleton className="h-8" />
            </Card>
          )}
          <Card className="grid gap-3 p-5">
            <Skeleton className="h-5 w-24" />
            <Skeleton className={body.table ? 'h-10' : 'h-24'} />
            {body.table && <Skeleton className="h-10" />}
          </Card>
        </div>
      );
  }
}
