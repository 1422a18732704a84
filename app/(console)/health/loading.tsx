import { PageSkeleton } from '@/components/ui/page-skeleton';

export default function Loading() {
  return <PageSkeleton shape="cards" cards={7} label="Loading the cluster's health" />;
}
