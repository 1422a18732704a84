import { PageSkeleton } from '@/components/ui/page-skeleton';

export default function Loading() {
  return <PageSkeleton shape="table" rows={6} columns={4} label="Loading the accounts" />;
}
