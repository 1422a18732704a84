import { SearchX } from 'lucide-react';
import Link from 'next/link';
import { buttonClass } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';

export default function ConsoleNotFound() {
  return (
    <Card>
      <EmptyState icon={SearchX} title="Not found" action={<Link href="/spaces" className={buttonClass('secondary')}>Back to your spaces</Link>}>
        It does not exist, or your Kubernetes user may not see it. Kubernetes answers both the same way, so nothing is given away.
      </EmptyState>
    </Card>
  );
}
