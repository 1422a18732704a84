import { PageSkeleton } from '@/components/ui/page-skeleton';

export default function Loading() {
  return <PageSkeleton shape="detail" breadcrumb label="Loading the account" />;
}
