import { FormSkeleton } from '@/components/accounts/form-skeleton';

export default function Loading() {
  return <FormSkeleton />;
}
