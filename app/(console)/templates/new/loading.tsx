import { PageSkeleton } from '@/components/ui/page-skeleton';

export default function Loading() {
  return <PageSkeleton shape="editor" breadcrumb label="Loading the template editor" />;
}
