import { PageSkeleton } from '@/components/ui/page-skeleton';

export default function Loading() {
  return <PageSkeleton shape="detail" table breadcrumb label="Loading the space" />;
}
