import { PageSkeleton } from '@/components/ui/page-skeleton';

export default function Loading() {
  return <PageSkeleton shape="table" rows={8} columns={6} label="Loading the audit trail" />;
}
