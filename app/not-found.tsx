import { SearchX } from 'lucide-react';
import Link from 'next/link';
import { buttonClass } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';

/** An address outside every console page: the sign-in page's frame, the console's empty state. */
export default function NotFound() {
  return (
    <main className="grid min-h-dvh place-items-center bg-background px-4 py-12">
      <div className="w-full max-w-md space-y-6">
        <p className="text-center text-sm font-semibold tracking-wide text-primary-text">Atrium</p>
        <Card>
          <EmptyState icon={SearchX} heading="h1" title="Not found" action={<Link href="/spaces" className={buttonClass('secondary')}>Go to your spaces</Link>}>
            This page does not exist, or you may not see it.
          </EmptyState>
        </Card>
      </div>
    </main>
  );
}
