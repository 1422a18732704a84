import { PageSkeleton } from '@/components/ui/page-skeleton';

export default function Loading() {
  return <PageSkeleton shape="table" rows={5} columns={5} label="Loading the templates" />;
}
