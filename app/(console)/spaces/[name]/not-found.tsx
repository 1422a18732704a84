import { SearchX } from 'lucide-react';
import Link from 'next/link';
import { buttonClass } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';

export default function SpaceNotFound() {
  return (
    <Card>
      <EmptyState icon={SearchX} title="Space not found" action={<Link href="/spaces" className={buttonClass('secondary')}>Back to your spaces</Link>}>
        There is no such space, or it belongs to an account you are not a member of. Kubernetes answers both the same way.
      </EmptyState>
    </Card>
  );
}
