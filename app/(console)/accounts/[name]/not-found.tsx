import { SearchX } from 'lucide-react';
import Link from 'next/link';
import { buttonClass } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';

export default function AccountNotFound() {
  return (
    <Card>
      <EmptyState icon={SearchX} title="Account not found" action={<Link href="/spaces" className={buttonClass('secondary')}>Back to your spaces</Link>}>
        There is no account of this name.
      </EmptyState>
    </Card>
  );
}
